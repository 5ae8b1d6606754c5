package dev.sift.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The PostgreSQL server running on a data directory, as the directory's {@code postmaster.pid} names it (process id
 * on the first line, port on the fourth). The embedded server is daemonized by pg_ctl, so its parent is PID 1 whoever
 * started it: only this file, not the process tree, tells which server uses a directory.
 *
 * @param process the postmaster
 * @param port the port it listens on
 */
record Postmaster(ProcessHandle process, int port) {

	private static final Duration EXIT_POLL_INTERVAL = Duration.ofMillis(50);

	/** The live PostgreSQL process named by the pid file, if any; a stale file or another process is ignored. */
	static Optional<Postmaster> of(Path dataDirectory) {
		List<String> lines;
		try {
			lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the pid file of " + dataDirectory, ex);
		}
		if (lines.size() < 4 || !lines.get(0).trim().matches("\\d+") || !lines.get(3).trim().matches("\\d+")) {
			return Optional.empty();
		}
		int port = Integer.parseInt(lines.get(3).trim());
		return ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
			.filter(ProcessHandle::isAlive)
			.filter(process -> process.info().command().map(command -> command.contains("postgres")).orElse(false))
			.map(process -> new Postmaster(process, port));
	}

	long pid() {
		return this.process.pid();
	}

	/**
	 * Asks the server to stop (SIGTERM: PostgreSQL's smart shutdown, which lets connected sessions end first) and
	 * waits for it.
	 * @return whether it stopped within {@code wait}
	 */
	boolean stop(Duration wait) throws InterruptedException {
		this.process.destroy();
		return awaitExit(wait);
	}

	/**
	 * Waits for the server to end. Polls: {@link ProcessHandle#onExit()} of a process that is not a child polls too,
	 * but ever more slowly, up to 5 s apart.
	 */
	boolean awaitExit(Duration wait) throws InterruptedException {
		long deadline = System.nanoTime() + wait.toNanos();
		while (this.process.isAlive()) {
			if (System.nanoTime() - deadline > 0) {
				return false;
			}
			Thread.sleep(EXIT_POLL_INTERVAL.toMillis());
		}
		return true;
	}

}
