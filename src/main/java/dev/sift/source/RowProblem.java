package dev.sift.source;

/** A reason a CSV row cannot be used (a run stores it as failed), as {@code validate} counts them. */
public enum RowProblem {

	WRONG_FIELD_COUNT("with the wrong number of fields"),

	INVALID_BYTES("with invalid bytes"),

	EMPTY_ID("without an id"),

	DUPLICATE_ID("with a duplicate id"),

	EMPTY_TEXT("with an empty text"),

	HEADER_ROW("holding the column names (a header row in a file read without one)");

	private final String records;

	RowProblem(String records) {
		this.records = records;
	}

	/** Completes "N records ...". */
	public String records() {
		return this.records;
	}

}
