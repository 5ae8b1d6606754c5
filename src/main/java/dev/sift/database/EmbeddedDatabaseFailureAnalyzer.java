package dev.sift.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports why the embedded database cannot be used, and what to do, instead of a stack trace. */
class EmbeddedDatabaseFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedDatabaseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedDatabaseException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
