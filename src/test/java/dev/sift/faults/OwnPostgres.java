package dev.sift.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A PostgreSQL server of a test's own, on a data directory and port the test chose, so that the test can kill it
 * and start it again on the same data (crash recovery) with Sift none the wiser: to Sift it is an external database
 * at a fixed URL. Durable, as a production server is: {@code fsync}, {@code synchronous_commit} and
 * {@code full_page_writes} on (zonky turns them off by default).
 */
final class OwnPostgres implements AutoCloseable {

	static final String USER = "postgres";

	private static final Duration EXIT_WAIT = Duration.ofSeconds(30);

	private final EmbeddedPostgres postgres;

	private final Path dataDirectory;

	private boolean closed;

	private OwnPostgres(EmbeddedPostgres postgres, Path dataDirectory) {
		this.postgres = postgres;
		this.dataDirectory = dataDirectory;
	}

	/** Starts a server on the directory: a new cluster if it is empty, else the one there, recovering it if need be. */
	static OwnPostgres start(Path dataDirectory, int port) throws IOException {
		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setDataDirectory(dataDirectory)
			.setCleanDataDirectory(false)
			.setRegisterShutdownHook(false)
			.setPort(port)
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("full_page_writes", "on")
			.start();
		return new OwnPostgres(postgres, dataDirectory);
	}

	/** A port no process listens on now. */
	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** The URL of the server on this port, started or not. */
	static String url(int port) {
		return "jdbc:postgresql://localhost:" + port + "/postgres";
	}

	/** A connection per statement, to the server on this port: nothing stays connected when the test is done. */
	static DataSource dataSource(int port) {
		return new DriverManagerDataSource(url(port), USER, "");
	}

	/**
	 * SIGKILL to every process of the server, the postmaster first (so that it restarts none of the others), as the
	 * out-of-memory killer or a crash of the machine's PostgreSQL would; waits until all are gone.
	 * @return the process ids killed, the postmaster's first
	 */
	List<Long> killNine() throws InterruptedException {
		return kill(postmaster().orElseThrow(() -> new AssertionError("No PostgreSQL runs on " + this.dataDirectory)));
	}

	/** The live postmaster named by the data directory's {@code postmaster.pid}. */
	Optional<ProcessHandle> postmaster() {
		return postmaster(this.dataDirectory);
	}

	static Optional<ProcessHandle> postmaster(Path dataDirectory) {
		try {
			String pid = Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim();
			// A stale file may name a process id the system has given to another program since.
			return ProcessHandle.of(Long.parseLong(pid))
				.filter(ProcessHandle::isAlive)
				.filter(process -> process.info().command().map(command -> command.contains("postgres")).orElse(false));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the pid file of " + dataDirectory, ex);
		}
	}

	/** Kills whatever server still runs on the directory, so that no postmaster outlives its test. */
	static void killAnyServer(Path dataDirectory) throws InterruptedException {
		Optional<ProcessHandle> postmaster = postmaster(dataDirectory);
		if (postmaster.isPresent()) {
			kill(postmaster.get());
		}
	}

	private static List<Long> kill(ProcessHandle postmaster) throws InterruptedException {
		// The postmaster is daemonized (its parent is PID 1), but its own processes are its children.
		List<ProcessHandle> processes = Stream.concat(Stream.of(postmaster), postmaster.descendants()).toList();
		processes.forEach(ProcessHandle::destroyForcibly);
		for (ProcessHandle process : processes) {
			awaitExit(process);
		}
		return processes.stream().map(ProcessHandle::pid).toList();
	}

	private static void awaitExit(ProcessHandle process) throws InterruptedException {
		long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
		while (process.isAlive()) {
			if (System.nanoTime() - deadline > 0) {
				throw new AssertionError("PostgreSQL process " + process.pid() + " survived SIGKILL");
			}
			Thread.sleep(20);
		}
	}

	/**
	 * Stops the server (if the test killed it, this only frees zonky's lock on the directory, so that a server can
	 * start on it again) and kills anything of it left.
	 */
	@Override
	public void close() throws IOException, InterruptedException {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			this.postgres.close();
		}
		finally {
			killAnyServer(this.dataDirectory);
		}
	}

}
