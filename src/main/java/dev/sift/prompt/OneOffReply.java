package dev.sift.prompt;

/**
 * The model's reply to a {@link OneOffPrompt}.
 *
 * @param promptTokens tokens of the prompt as the model's chat template laid it out
 * @param completionTokens tokens of the reply
 * @param finishReason why the reply ended, as the model says (e.g. {@code stop}, {@code length})
 */
public record OneOffReply(String text, int promptTokens, int completionTokens, long durationMillis,
		String finishReason) {

	/** {@code 12 prompt tokens, 40 reply tokens, 1.3 s (30.8 tokens/s)}: what the command prints after a reply. */
	public String summary() {
		double seconds = this.durationMillis / 1000.0;
		return String.format(java.util.Locale.ROOT, "%d prompt tokens, %d reply tokens, %.1f s%s", this.promptTokens,
				this.completionTokens, seconds,
				seconds > 0 ? String.format(java.util.Locale.ROOT, " (%.1f tokens/s)", this.completionTokens / seconds)
						: "");
	}

}
