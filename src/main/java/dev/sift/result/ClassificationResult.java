package dev.sift.result;

import java.util.List;
import java.util.Map;

/**
 * What Sift stores for one record: where it came from, the labels (or why there are none), the model's raw reply,
 * and what the model call cost.
 *
 * @param labels field name to value (a string, a list of strings, a number or a boolean); empty unless {@code OK}
 *        or {@code DRAFT}
 * @param textHandling what was done to a text too long for one request ({@code model.long-text}): e.g.
 *        {@code truncated: 4043 of 6291 tokens dropped}; {@code null} when it fitted
 * @param exampleIds the reviewed results its prompt had as worked examples ({@code model.examples-from-corrections})
 */
public record ClassificationResult(String jobName, Long jobInstanceId, String source, String recordId, long sourceLine,
		String inputText, Map<String, String> fields, Map<String, Object> labels, String rawOutput,
		ResultStatus status, String reason, int attempts, String modelName, String promptVersion, Usage usage,
		String textHandling, List<Long> exampleIds) {

	/** A result of a text that fitted one request. */
	public ClassificationResult(String jobName, Long jobInstanceId, String source, String recordId, long sourceLine,
			String inputText, Map<String, String> fields, Map<String, Object> labels, String rawOutput,
			ResultStatus status, String reason, int attempts, String modelName, String promptVersion, Usage usage) {
		this(jobName, jobInstanceId, source, recordId, sourceLine, inputText, fields, labels, rawOutput, status,
				reason, attempts, modelName, promptVersion, usage, null, List.of());
	}

	public ClassificationResult {
		exampleIds = exampleIds == null ? List.of() : List.copyOf(exampleIds);
		fields = Map.copyOf(fields);
		labels = Map.copyOf(labels);
		if (status.needsReason() && (reason == null || reason.isBlank())) {
			throw new IllegalArgumentException("A result with status " + status + " needs a reason");
		}
	}

	/**
	 * Cost of the model calls behind a result, summed over attempts.
	 */
	public record Usage(int promptTokens, int completionTokens, long durationMillis) {

		public static final Usage NONE = new Usage(0, 0, 0);

		public Usage plus(Usage other) {
			return new Usage(this.promptTokens + other.promptTokens, this.completionTokens + other.completionTokens,
					this.durationMillis + other.durationMillis);
		}

	}

}
