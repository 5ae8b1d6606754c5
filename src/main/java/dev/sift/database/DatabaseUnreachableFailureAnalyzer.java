package dev.sift.database;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * When Sift cannot reach its database (at start-up, or when a command finds it gone), says so in two lines instead
 * of a screen of stack traces, and what to do.
 */
class DatabaseUnreachableFailureAnalyzer implements FailureAnalyzer {

	/** PostgreSQL's SQLSTATE class of connection exceptions. */
	private static final String CONNECTION_EXCEPTION = "08";

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof SQLTransientConnectionException || (cause instanceof SQLException sql
					&& sql.getSQLState() != null && sql.getSQLState().startsWith(CONNECTION_EXCEPTION))) {
				return new FailureAnalysis("Sift cannot reach its database: " + cause.getMessage(),
						"Check that the PostgreSQL server of spring.datasource.url runs and accepts connections (or "
								+ "leave spring.datasource.url unset for the embedded server). A run that was under "
								+ "way resumes after its last committed chunk when it is started again.",
						failure);
			}
		}
		return null;
	}

}
