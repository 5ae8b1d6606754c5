package dev.sift.chat;

import java.util.List;

import org.springframework.ai.chat.messages.Message;

/**
 * A chat model whose requests must fit a context window of a known size, prompt and reply together, and that counts
 * a prompt's tokens with its own tokenizer: llama.cpp gives each parallel slot a fixed share of the context. Jobs
 * check before reading any record that their shared instructions and longest reply fit.
 */
public interface ContextLimitedChatModel {

	/** Context tokens one request may fill with its prompt and its reply. */
	int requestContextTokens();

	/** Tokens of the prompt the model reads for these messages, as its chat template renders them. */
	int promptTokens(List<Message> messages);

}
