package dev.sift.definition;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports invalid specs at start-up as a plain list of problems instead of a stack trace, so a user who runs
 * {@code validate} on a broken spec reads what to fix.
 */
class InvalidJobSpecFailureAnalyzer extends AbstractFailureAnalyzer<InvalidJobSpecException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidJobSpecException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Fix the job specs (see \"Job specs\" in the README), or point sift.jobs.dir at another directory.",
				cause);
	}

}
