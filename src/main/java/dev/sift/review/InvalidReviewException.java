package dev.sift.review;

/** A review that cannot be stored as asked: values that break the job's rules, a missing reason, a wrong status. */
public class InvalidReviewException extends RuntimeException {

	public InvalidReviewException(String message) {
		super(message);
	}

}
