package dev.sift.cli;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a command line that asks for something wrong, with the command's usage, instead of a stack trace. */
class UsageFailureAnalyzer extends AbstractFailureAnalyzer<UsageException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UsageException cause) {
		return new FailureAnalysis(cause.getMessage(),
				cause.usage() == null ? "Correct the command line." : "Correct the command line. Usage:\n" + cause.usage(),
				cause);
	}

}
