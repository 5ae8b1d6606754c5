package dev.sift.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import dev.sift.definition.JobSpec;
import dev.sift.definition.JobSpecs;
import dev.sift.definition.UnknownJobException;
import dev.sift.support.Excerpt;

/** Reads the query parameters lists share, each refused by name when it is out of bounds. */
final class QueryParameters {

	static final int MAX_PAGE_SIZE = 100;

	/**
	 * Years a time filter may name. PostgreSQL stores 4713 BC to 294276 AD, and Java's {@code Timestamp} fewer; no
	 * result or run lies outside these years anyway.
	 */
	static final int FIRST_YEAR = 1;

	static final int LAST_YEAR = 9999;

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
	 * An ISO-8601 instant, or a date standing for its midnight in UTC, in the years {@value #FIRST_YEAR} to
	 * {@value #LAST_YEAR}; {@code null} when not given.
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
		int year = instant.atOffset(ZoneOffset.UTC).getYear();
		if (year < FIRST_YEAR || year > LAST_YEAR) {
			throw new InvalidParameterException(name, "'" + Excerpt.of(value) + "' is out of range: dates run from "
					+ "0001-01-01 to 9999-12-31 (years " + FIRST_YEAR + " to " + LAST_YEAR + ")");
		}
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
