package dev.sift.run;

/** A run in the wrong state for what was asked: stopping a run that is not running, restarting one that completed. */
public class RunStateException extends RunRefusedException {

	public RunStateException(String message) {
		super(message);
	}

}
