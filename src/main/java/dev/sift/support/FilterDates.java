package dev.sift.support;

import java.util.Optional;

/**
 * The days a time filter may name. PostgreSQL's and Java's timestamps end at other years; a filter beyond these is a
 * typo, and must be refused as one rather than fail in the database.
 */
public final class FilterDates {

	public static final int FIRST_YEAR = 1;

	public static final int LAST_YEAR = 9999;

	private FilterDates() {
	}

	/**
	 * @param value the filter as given, for the message
	 * @return why the year is out of range, or nothing when it is in range
	 */
	public static Optional<String> outOfRange(String value, int year) {
		if (year >= FIRST_YEAR && year <= LAST_YEAR) {
			return Optional.empty();
		}
		return Optional.of(Excerpt.of(value) + " is out of range: dates run from 0001-01-01 to 9999-12-31 (years "
				+ FIRST_YEAR + " to " + LAST_YEAR + ")");
	}

}
