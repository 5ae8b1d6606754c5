package dev.sift.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server left running by a Sift process that was killed: the embedded server is a child process and
 * survives its parent when the JVM dies without running its shutdown hooks. Such an orphan holds the data directory,
 * so it is stopped before a new one starts; a server whose parent still lives belongs to another running Sift.
 */
final class StalePostmaster {

	private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);

	private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

	private final Path dataDirectory;

	StalePostmaster(Path dataDirectory) {
		this.dataDirectory = dataDirectory;
	}

	void stopIfOrphaned() throws IOException {
		Optional<ProcessHandle> server = runningServer();
		if (server.isEmpty()) {
			return;
		}
		Optional<ProcessHandle> parent = server.get().parent().filter(ProcessHandle::isAlive);
		if (parent.isPresent() && parent.get().info().command().map(command -> command.contains("java")).orElse(false)) {
			throw new IllegalStateException("The embedded database in " + this.dataDirectory
					+ " is in use by another Sift process (pid " + parent.get().pid()
					+ "); wait for it to finish or set sift.database.embedded.data-directory");
		}
		log.warn("Stopping PostgreSQL (pid {}) left running by a Sift process that ended abruptly", server.get().pid());
		server.get().destroy();
		try {
			server.get().onExit().get(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("PostgreSQL (pid " + server.get().pid() + ") using " + this.dataDirectory
					+ " did not stop within " + SHUTDOWN_WAIT.toSeconds() + " s; stop it by hand", ex);
		}
	}

	private Optional<ProcessHandle> runningServer() throws IOException {
		Path pidFile = this.dataDirectory.resolve("postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return Optional.empty();
		}
		String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
		if (!firstLine.matches("\\d+")) {
			return Optional.empty();
		}
		return ProcessHandle.of(Long.parseLong(firstLine))
			.filter(ProcessHandle::isAlive)
			.filter(process -> process.info().command().map(command -> command.contains("postgres")).orElse(false));
	}

}
