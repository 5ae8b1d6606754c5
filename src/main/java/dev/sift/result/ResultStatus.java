package dev.sift.result;

/** Outcome of one record; the database stores {@link #code()}. */
public enum ResultStatus {

	/** Classified, every field valid. */
	OK("ok"),
	/** The model answered, but the answer broke a rule after every attempt: a person has to look. */
	NEEDS_REVIEW("needs_review"),
	/** The record could not be classified at all (unreadable row, empty text, too long, model error). */
	FAILED("failed");

	private final String code;

	ResultStatus(String code) {
		this.code = code;
	}

	public String code() {
		return this.code;
	}

	/** The status stored as {@code code}. */
	public static ResultStatus ofCode(String code) {
		for (ResultStatus status : values()) {
			if (status.code.equals(code)) {
				return status;
			}
		}
		throw new IllegalArgumentException("Unknown result status '" + code + "'");
	}

}
