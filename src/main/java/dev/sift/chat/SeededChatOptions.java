package dev.sift.chat;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.prompt.ChatOptions;

/**
 * Chat options that carry a sampling seed: the same seed, prompt and options give the same reply. A mixin like
 * Spring AI's {@code StructuredOutputChatOptions}: a provider whose options implement it lets callers choose the seed
 * (Sift's jobs take the next seed for each retry); with any other provider callers simply cannot.
 */
public interface SeededChatOptions extends ChatOptions {

	@Nullable Integer getSeed();

	@Override
	SeededChatOptions.Builder<?> mutate();

	/** A builder of options with a seed. */
	interface Builder<B extends SeededChatOptions.Builder<B>> extends ChatOptions.Builder<B> {

		B seed(@Nullable Integer seed);

	}

}
