package dev.sift.run;

/** No run has this id. */
public class RunNotFoundException extends RuntimeException {

	public RunNotFoundException(long executionId) {
		super("No run with id " + executionId);
	}

}
