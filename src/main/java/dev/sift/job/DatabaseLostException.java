package dev.sift.job;

/** The database stopped answering during a run: the run fails, to resume after its last committed chunk. */
public class DatabaseLostException extends RuntimeException {

	DatabaseLostException(String message) {
		super(message);
	}

}
