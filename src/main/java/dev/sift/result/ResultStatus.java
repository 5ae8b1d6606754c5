package dev.sift.result;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonValue;

/** Outcome of one record; the database stores {@link #code()}. */
public enum ResultStatus {

	/** Classified, every field valid. */
	OK("ok"),
	/** Generated text, every field valid, waiting for a person to approve it; never written back before. */
	DRAFT("draft"),
	/** The model answered, but the answer broke a rule after every attempt: a person has to look. */
	NEEDS_REVIEW("needs_review"),
	/** The record could not be classified at all (unreadable row, empty text, too long, model error). */
	FAILED("failed"),
	/** A person checked the labels, accepting or correcting them; the labels hold the checked values. */
	REVIEWED("reviewed"),
	/** A person approved generated text, maybe after editing it: the only copy that may leave Sift. */
	APPROVED("approved"),
	/** A person rejected generated text; the reason says why. */
	REJECTED("rejected");

	private final String code;

	ResultStatus(String code) {
		this.code = code;
	}

	/** Whether a result in this status must say why: every status but a valid or accepted answer. */
	public boolean needsReason() {
		return this == NEEDS_REVIEW || this == FAILED || this == REJECTED;
	}

	/** Statuses a person has decided on; a later run over the same text keeps them. */
	public static final Set<ResultStatus> DECIDED = Set.of(REVIEWED, APPROVED, REJECTED);

	@JsonValue
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
