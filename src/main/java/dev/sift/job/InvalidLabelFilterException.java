package dev.sift.job;

/** A label filter ({@code field:value}) that names no field of the job, or a value the field cannot have. */
public class InvalidLabelFilterException extends RuntimeException {

	public InvalidLabelFilterException(String message) {
		super(message);
	}

}
