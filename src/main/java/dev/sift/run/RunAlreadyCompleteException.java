package dev.sift.run;

/** The run asked for (the same scheduled night, or the same parameters) has already completed. */
public class RunAlreadyCompleteException extends RunRefusedException {

	public RunAlreadyCompleteException(String jobName, Throwable cause) {
		super("The run of " + jobName + " with these parameters has already completed", cause);
	}

}
