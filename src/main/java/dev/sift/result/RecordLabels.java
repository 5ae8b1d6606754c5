package dev.sift.result;

import java.util.Map;

/**
 * The stored outcome of one record: its status and its labels by full name ({@code sentiment}, {@code topics},
 * {@code urgency}, {@code summary}, {@code language}).
 *
 * @param labels label name to value (a string, or a list of strings for topics); empty unless {@code OK}
 */
public record RecordLabels(ResultStatus status, Map<String, Object> labels) {

	public RecordLabels {
		labels = Map.copyOf(labels);
	}

}
