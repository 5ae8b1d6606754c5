package dev.sift.prompt;

import java.util.List;

/**
 * One prompt to the model, outside any job: what people send first to see what a model does.
 *
 * @param text the user's message
 * @param system a system prompt before it, or {@code null} for none
 * @param maxTokens upper bound of the reply's tokens
 * @param temperature sampling temperature
 * @param stop sequences that end the reply
 */
public record OneOffPrompt(String text, String system, int maxTokens, double temperature, List<String> stop) {

	/** The most tokens a one-off reply may take: TinyLlama's whole context. */
	public static final int MAX_TOKENS = 2048;

	public OneOffPrompt {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("the prompt is empty");
		}
		stop = stop == null ? List.of() : List.copyOf(stop);
	}

}
