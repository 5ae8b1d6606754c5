package dev.sift.run;

/** Another Sift process is running the same job on the same database. */
public class JobAlreadyRunningException extends RuntimeException {

	public JobAlreadyRunningException(String jobName) {
		super("Job " + jobName + " is already running in another Sift process on this database; "
				+ "wait for it to finish or stop it first");
	}

}
