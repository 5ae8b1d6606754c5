package dev.sift.run;

/** As many runs as {@code sift.service.max-concurrent-runs} allows are under way already. */
public class TooManyRunsException extends RunRefusedException {

	public TooManyRunsException(int maxConcurrentRuns) {
		super(maxConcurrentRuns + " runs are under way, as many as sift.service.max-concurrent-runs allows; "
				+ "try again when one has finished");
	}

}
