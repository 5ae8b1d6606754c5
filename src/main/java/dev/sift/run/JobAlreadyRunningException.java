package dev.sift.run;

/** The job is running, in this process or in another Sift process on the same database. */
public class JobAlreadyRunningException extends RunRefusedException {

	/**
	 * @param where where it runs: {@code in this process (run 42)}, or
	 * {@code in another Sift process on this database (sift 4711@host-b)}
	 */
	public JobAlreadyRunningException(String jobName, String where) {
		super("Job " + jobName + " is already running " + where + "; wait for it to finish or stop it first");
	}

}
