package dev.sift.result;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A result as stored: the record it came from, what the model made of it, and what a person decided since. The
 * one view of a result that the job's exports, the API and the review pages read.
 *
 * @param job the job that stored it; results of different jobs never mix, even on the same source
 * @param jobInstanceId the run (job instance) that stored it last
 * @param source the input it came from: a file's canonical path, {@code postgres:<table>} or
 * {@code postgres:query:<hash>}
 * @param sourceLine the line (or row position) where the record starts
 * @param fields the record's extra source columns (a product's category, a ticket's channel)
 * @param labels the reply's values by field name; empty when there is no valid reply
 * @param reason why the result needs review, failed or was rejected
 * @param textHandling what was done to a text too long for one request (truncated or chunked), or {@code null}
 * @param exampleIds the reviewed results its prompt had as worked examples
 */
public record StoredResult(long id, String job, Long jobInstanceId, String source, String recordId, Long sourceLine,
		String inputText, Map<String, String> fields, Map<String, Object> labels, String rawOutput,
		ResultStatus status, String reason, int attempts, String model, String promptVersion, Instant createdAt,
		Instant updatedAt, String textHandling, List<Long> exampleIds) {

	public StoredResult {
		exampleIds = exampleIds == null ? List.of() : List.copyOf(exampleIds);
		fields = Map.copyOf(fields);
		labels = Map.copyOf(labels);
	}

	/** A field's value as one text: lists joined with "; ", so every value fits one CSV cell or table column. */
	public String labelText(String field) {
		return text(this.labels.get(field));
	}

	/** A value as one text, lists joined with "; "; empty when there is none. */
	public static String text(Object value) {
		if (value instanceof List<?> items) {
			return items.stream().map(String::valueOf).collect(Collectors.joining("; "));
		}
		return value == null ? "" : String.valueOf(value);
	}

}
