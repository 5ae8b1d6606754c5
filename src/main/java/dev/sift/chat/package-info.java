/**
 * What Sift's jobs ask of a chat model beyond Spring AI's {@code ChatModel} and {@code StructuredOutputChatOptions}: a
 * sampling seed, how many requests to keep in flight, the model's own time per request, and the context a request
 * must fit. Each is optional, so any Spring AI chat model runs Sift's jobs; the llama.cpp adapter in
 * {@code dev.sift.model} provides all four.
 */
@NullMarked
package dev.sift.chat;

import org.jspecify.annotations.NullMarked;
