package dev.sift.run;

/**
 * A start, stop or restart the service refuses, for a reason its message explains to whoever asked: the request
 * itself, the state of the run or job, or the service's load. Anything else that goes wrong is a fault of Sift's.
 */
public abstract class RunRefusedException extends RuntimeException {

	protected RunRefusedException(String message) {
		super(message);
	}

	protected RunRefusedException(String message, Throwable cause) {
		super(message, cause);
	}

}
