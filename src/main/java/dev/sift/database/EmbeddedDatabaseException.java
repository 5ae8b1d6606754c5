package dev.sift.database;

import java.nio.file.Path;
import java.time.Duration;

/** The embedded database cannot be used; says why and what to do, for {@link EmbeddedDatabaseFailureAnalyzer}. */
class EmbeddedDatabaseException extends RuntimeException {

	private final String action;

	private EmbeddedDatabaseException(String description, String action, Throwable cause) {
		super(description, cause);
		this.action = action;
	}

	static EmbeddedDatabaseException ownerNotReady(Path dataDirectory, Path lockFile, Long ownerPid, Duration wait) {
		String owner = ownerPid == null ? "another Sift process (see " + lockFile + ")" : "Sift process " + ownerPid;
		return new EmbeddedDatabaseException("The embedded database in " + dataDirectory + " is owned by " + owner
				+ ", and its PostgreSQL did not accept connections within " + wait.toSeconds() + " s.",
				"Wait until that Sift has started and try again, or stop it"
						+ (ownerPid == null ? "" : " (kill " + ownerPid + ")")
						+ ". To run independently, give this Sift a directory of its own"
						+ " (--sift.database.embedded.data-directory=...); to wait longer, set"
						+ " sift.database.embedded.owner-wait (for example 120s).",
				null);
	}

	static EmbeddedDatabaseException serverNotReady(Path dataDirectory, Postmaster postmaster, Duration wait) {
		return new EmbeddedDatabaseException("PostgreSQL (pid " + postmaster.pid() + ", port " + postmaster.port()
				+ ") runs on the embedded database in " + dataDirectory
				+ ", no Sift owns it, and it did not accept connections within " + wait.toSeconds() + " s.",
				"Stop it (kill " + postmaster.pid() + " shuts it down cleanly) and start Sift again.", null);
	}

	static EmbeddedDatabaseException cannotStart(Path dataDirectory, Exception cause) {
		return new EmbeddedDatabaseException(
				"Cannot start the embedded PostgreSQL in " + dataDirectory + ": " + cause.getMessage(),
				"Check that the directory is writable; if it holds a half-created database (no postgresql.conf),"
						+ " delete it. Or use a PostgreSQL server of your own with spring.datasource.url.",
				cause);
	}

	String action() {
		return this.action;
	}

}
