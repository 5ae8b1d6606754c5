package dev.sift.job;

import java.util.Map;
import java.util.Optional;

import org.springframework.ai.chat.model.ChatModel;

import dev.sift.chat.ContextLimitedChatModel;
import dev.sift.definition.JobSpec;
import dev.sift.source.SourceRecord;

/**
 * Whether a job's shared prompt (instructions, field descriptions, examples and the frame of the record, as the
 * model's chat template renders them) plus its longest allowed reply fit the context one request gets: one slot's.
 * Checked before a run reads any record, by {@code validate} and by {@code doctor}, so a context too small for the
 * job fails once with the numbers instead of every record.
 *
 * @param job the job's name
 * @param promptTokens tokens of the prompt without the record's own text and fields
 * @param replyTokens the most tokens a reply may take ({@code model.max-tokens} of the job, or the model's default)
 * @param contextTokens context tokens of one request
 */
public record PromptFit(String job, int promptTokens, int replyTokens, int contextTokens) {

	static final String PROPERTY = "sift.model.slot-context";

	/** Room a suggested context leaves for a record's own text and fields. */
	static final int RECORD_ROOM = 256;

	/** The fit of the job on the model, or nothing when the model does not say how large its context is. */
	public static Optional<PromptFit> of(JobSpec spec, TaskPrompt prompt, ChatModel model) {
		if (!(model instanceof ContextLimitedChatModel limited)) {
			return Optional.empty();
		}
		SourceRecord empty = SourceRecord.good(spec.name(), "", "", Map.of(), 0);
		return Optional.of(new PromptFit(spec.name(), limited.promptTokens(prompt.messages(empty)),
				replyTokens(spec, model), limited.requestContextTokens()));
	}

	/** The most tokens a reply of the job may take: its {@code model.max-tokens}, or the model's default. */
	static int replyTokens(JobSpec spec, ChatModel model) {
		Integer maxTokens = spec.model().maxTokens() != null ? spec.model().maxTokens()
				: model.getOptions().getMaxTokens();
		return maxTokens == null ? 0 : maxTokens;
	}

	public static Optional<PromptFit> of(JobSpec spec, ChatModel model) {
		return of(spec, TaskPrompt.of(spec), model);
	}

	public boolean fits() {
		return this.promptTokens + this.replyTokens <= this.contextTokens;
	}

	/** Tokens left in a slot for a record's own text and fields. */
	public int recordTokens() {
		return this.contextTokens - this.promptTokens - this.replyTokens;
	}

	/** E.g. {@code instructions 612 tokens + reply up to 256 tokens <= slot context 2048 (1180 left for the record)}. */
	public String summary() {
		return "instructions " + this.promptTokens + " tokens + reply up to " + this.replyTokens + " tokens "
				+ (fits() ? "<=" : ">") + " slot context " + this.contextTokens
				+ (fits() ? " (" + recordTokens() + " left for the record)" : "");
	}

	/**
	 * What to do when it does not fit: a context with {@link #RECORD_ROOM} tokens left for the record, rounded up to
	 * a power of two.
	 */
	public String fix() {
		int needed = this.promptTokens + this.replyTokens + RECORD_ROOM;
		return "raise " + PROPERTY + " to " + Integer.highestOneBit(2 * needed - 1) + " (" + RECORD_ROOM
				+ " tokens left for a record) or lower the job's model.max-tokens";
	}

	/** One line for a run that cannot start. */
	public String problem() {
		return "Job " + this.job + " does not fit a slot: " + summary() + ": " + fix();
	}

}
