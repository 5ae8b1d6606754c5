package dev.sift.definition;

import java.util.Locale;

/**
 * What a job does with a record whose prompt does not fit one request of the model (a slot's context), set by
 * {@code model.long-text}.
 */
public enum LongText {

	/** Keep as much of the text's beginning as fits, and store how many tokens were dropped. */
	TRUNCATE,

	/** Classify each part that fits and merge the parts' replies, field by field. */
	CHUNK,

	/** Store the record as failed, with its file and line and the numbers. */
	FAIL;

	/** The spelling in spec files. */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

}
