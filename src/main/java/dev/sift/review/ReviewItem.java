package dev.sift.review;

import java.time.Instant;
import java.util.Map;

import dev.sift.result.ResultStatus;

/**
 * One stored result as a reviewer sees it: the record's text and source fields beside what the model made of it.
 *
 * @param fields the record's extra source columns (a product's category, a ticket's channel)
 * @param labels field name to value; empty when the model's reply broke the rules
 * @param reason why the result needs review, or why it was rejected
 */
record ReviewItem(long id, String jobName, String source, String recordId, String inputText,
		Map<String, String> fields, Map<String, Object> labels, String rawOutput, ResultStatus status, String reason,
		Instant createdAt) {

	ReviewItem {
		fields = Map.copyOf(fields);
		labels = Map.copyOf(labels);
	}

}
