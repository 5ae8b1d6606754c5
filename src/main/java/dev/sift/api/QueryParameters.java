package dev.sift.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import dev.sift.definition.JobSpec;
import dev.sift.definition.JobSpecs;
import dev.sift.definition.UnknownJobException;
import dev.sift.support.Excerpt;
import dev.sift.support.FilterDates;

/** Reads the query parameters lists share, each refused by name when it is out of bounds. */
final class QueryParameters {

	static final int MAX_PAGE_SIZE = 100;

	/**
	 * Years a time filter may name. PostgreSQL stores 4713 BC to 294276 AD, and Java's {@code Timestamp} fewer; no
	 * result or run lies outside these years anyway.
	 */
	private QueryParameters() {
	}

	static void checkPage(int page, int size) {
		if (page < 0) {
			throw new InvalidParameterException("page", "must be 0 or more, was " + page);
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw new InvalidParameterException("size", "must be 1 to " + MAX_PAGE_SIZE + ", was " + size);
		}
	}

	/**
	 * An ISO-8601 instant, or a date standing for its midnight in UTC, in the years {@value FilterDates#FIRST_YEAR}
	 * to {@value FilterDates#LAST_YEAR}; {@code null} when not given.
	 */
	static Instant instant(String name, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		Instant instant;
		try {
			instant = value.contains("T") ? Instant.parse(value)
					: LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidParameterException(name, "'" + Excerpt.of(value)
					+ "' is neither an ISO-8601 instant (2026-05-01T08:00:00Z) nor a date (2026-05-01)");
		}
		FilterDates.outOfRange(value, instant.atOffset(ZoneOffset.UTC).getYear()).ifPresent(problem -> {
			throw new InvalidParameterException(name, problem);
		});
		return instant;
	}

	/** A filter on a job names a job there is: a typo would otherwise look like a job that never ran. */
	static JobSpec job(JobSpecs specs, String name) {
		try {
			return specs.get(name);
		}
		catch (UnknownJobException ex) {
			throw new InvalidParameterException("job", ex.getMessage());
		}
	}

}
