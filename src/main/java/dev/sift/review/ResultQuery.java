package dev.sift.review;

import java.time.LocalDate;
import java.util.List;

import dev.sift.result.ResultStatus;

/**
 * Which results a page lists.
 *
 * @param jobs the jobs whose results are listed
 * @param source the input the results came from (a file, {@code postgres:table}), or {@code null} for any
 * @param statuses the statuses listed; results that need review come first, then the newest
 * @param label {@code field:value}, or {@code null} for any labels; a list field matches when it holds the value
 * @param from first day (UTC) a result was created on, or {@code null}
 * @param to last day (UTC) a result was created on, or {@code null}
 */
record ResultQuery(List<String> jobs, String source, List<ResultStatus> statuses, String label, LocalDate from,
		LocalDate to) {

	ResultQuery {
		jobs = List.copyOf(jobs);
		source = source == null || source.isBlank() ? null : source.strip();
		statuses = List.copyOf(statuses);
		label = label == null || label.isBlank() ? null : label.strip();
		if (label != null && labelField(label).isEmpty()) {
			throw new IllegalArgumentException("A label filter is field:value, such as sentiment:negative");
		}
	}

	String labelField() {
		return labelField(this.label);
	}

	String labelValue() {
		return this.label.substring(this.label.indexOf(':') + 1).strip();
	}

	private static String labelField(String label) {
		int colon = label.indexOf(':');
		return colon <= 0 ? "" : label.substring(0, colon).strip();
	}

}
