package dev.sift.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL of one data directory, shared by every Sift that uses the directory at the same time.
 *
 * <p>
 * The first Sift takes the owner lock of the {@link DataDirectoryLock lock file} and starts the server, or takes over
 * a server that a killed owner left running. A Sift that finds the lock held uses the owner's server as a client. When
 * a Sift closes, it stops the server if it holds the lock (or can take it now, because the owner left first) and no
 * other session is connected; otherwise it leaves the server running for the others. So the last Sift out stops the
 * server.
 *
 * <p>
 * Every Sift keeps one session of its own open (its presence) from joining until it closes, whatever its connection
 * pool does, and names its sessions {@code sift-<pid>-<n>} (the JDBC {@code ApplicationName}), so the others can
 * tell that it is still there and which sessions are whose.
 */
final class EmbeddedServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedServer.class);

	private static final String USER = "postgres";

	/**
	 * Servers started by this JVM, by data directory. Whichever application context of the JVM is the last out stops
	 * one through zonky, which also frees zonky's own lock inside the directory for the next start in this JVM.
	 */
	private static final Map<Path, EmbeddedPostgres> STARTED_HERE = new ConcurrentHashMap<>();

	private static final AtomicInteger INSTANCES = new AtomicInteger();

	private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

	/** How long the sessions of a Sift that is closing at the same moment may take to end. */
	private static final Duration DEPARTING_SESSIONS = Duration.ofSeconds(2);

	private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

	private final Path dataDirectory;

	private final DataDirectoryLock lock;

	private final int port;

	private final String applicationName;

	private final Postmaster postmaster;

	private final Connection presence;

	private final AtomicReference<State> state = new AtomicReference<>(State.OPEN);

	private EmbeddedServer(Path dataDirectory, DataDirectoryLock lock, int port, String applicationName,
			Postmaster postmaster, Connection presence) {
		this.dataDirectory = dataDirectory;
		this.lock = lock;
		this.port = port;
		this.applicationName = applicationName;
		this.postmaster = postmaster;
		this.presence = presence;
		postmaster.process().onExit().thenRun(this::reportLoss);
	}

	/**
	 * Starts the server of the configured data directory, takes over the one a killed owner left running, or joins
	 * the server of the Sift that owns the directory, waiting up to {@code ownerWait} for it to accept connections.
	 */
	static EmbeddedServer open(EmbeddedDatabaseProperties properties) throws InterruptedException {
		Path dataDirectory = properties.dataDirectory().toAbsolutePath().normalize();
		try {
			Files.createDirectories(dataDirectory);
		}
		catch (IOException ex) {
			throw EmbeddedDatabaseException.cannotStart(dataDirectory, ex);
		}
		DataDirectoryLock lock = DataDirectoryLock.of(dataDirectory);
		String applicationName = "sift-" + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet();
		Instant deadline = Instant.now().plus(properties.ownerWait());
		boolean waitLogged = false;
		while (true) {
			if (lock.tryOwn()) {
				return own(properties, dataDirectory, lock, applicationName, deadline);
			}
			Optional<DataDirectoryLock.Owner> owner = lock.owner();
			Optional<EmbeddedServer> joined = owner.isPresent() && owner.get().port().isPresent()
					? join(dataDirectory, lock, owner.get(), applicationName, deadline) : Optional.empty();
			if (joined.isPresent()) {
				return joined.get();
			}
			Long ownerPid = owner.map(DataDirectoryLock.Owner::pid).orElse(null);
			if (Instant.now().isAfter(deadline)) {
				throw EmbeddedDatabaseException.ownerNotReady(dataDirectory, lock.file(), ownerPid,
						properties.ownerWait());
			}
			if (!waitLogged) {
				log.info("The embedded database in {} is owned by {}: waiting up to {} s for its PostgreSQL",
						dataDirectory, ownerPid == null ? "another Sift process" : "Sift process " + ownerPid,
						properties.ownerWait().toSeconds());
				waitLogged = true;
			}
			Thread.sleep(POLL_INTERVAL.toMillis());
		}
	}

	private static EmbeddedServer own(EmbeddedDatabaseProperties properties, Path dataDirectory,
			DataDirectoryLock lock, String applicationName, Instant deadline) throws InterruptedException {
		long pid = ProcessHandle.current().pid();
		lock.recordOwner(pid, OptionalInt.empty());
		try {
			Optional<Postmaster> left = Postmaster.of(dataDirectory);
			Connection presence = left.isPresent()
					? awaitConnection(dataDirectory, left.get(), applicationName, deadline, properties.ownerWait())
					: null;
			Postmaster postmaster;
			if (presence != null) {
				postmaster = left.get();
				log.warn("Taking over the embedded PostgreSQL (pid {}, port {}) in {}, left running by a Sift process"
						+ " that ended without stopping it", postmaster.pid(), postmaster.port(), dataDirectory);
			}
			else {
				postmaster = start(properties, dataDirectory);
				presence = connect(postmaster.port(), applicationName);
				if (presence == null) {
					throw EmbeddedDatabaseException.cannotStart(dataDirectory,
							new IllegalStateException("the server started but refuses connections"));
				}
				log.info("Embedded PostgreSQL on port {} with data in {}", postmaster.port(), dataDirectory);
			}
			lock.recordOwner(pid, OptionalInt.of(postmaster.port()));
			return new EmbeddedServer(dataDirectory, lock, postmaster.port(), applicationName, postmaster, presence);
		}
		catch (RuntimeException | InterruptedException ex) {
			lock.release();
			throw ex;
		}
	}

	/**
	 * A session on a server left running, once it accepts connections; {@code null} if it ends meanwhile (it was
	 * shutting down).
	 */
	private static Connection awaitConnection(Path dataDirectory, Postmaster left, String applicationName,
			Instant deadline, Duration wait) throws InterruptedException {
		Connection presence;
		while ((presence = connect(left.port(), applicationName)) == null && left.process().isAlive()) {
			if (Instant.now().isAfter(deadline)) {
				throw EmbeddedDatabaseException.serverNotReady(dataDirectory, left, wait);
			}
			Thread.sleep(POLL_INTERVAL.toMillis());
		}
		return presence;
	}

	private static Postmaster start(EmbeddedDatabaseProperties properties, Path dataDirectory) {
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(dataDirectory)
			.setCleanDataDirectory(false)
			// Stopped by close(), after the application context has stopped its jobs and closed its pool.
			.setRegisterShutdownHook(false)
			.setServerConfig("max_connections", "50")
			.setPort(properties.port());
		if (properties.durable()) {
			// zonky passes -F (fsync off) and synchronous_commit=off; these later options win. full_page_writes is
			// on by default, and an option here also outranks a postgresql.conf in the data directory.
			builder.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("full_page_writes", "on");
		}
		try {
			EmbeddedPostgres postgres = builder.start();
			STARTED_HERE.put(dataDirectory, postgres);
			return Postmaster.of(dataDirectory)
				.orElseThrow(() -> new IOException("no running server is named in " + dataDirectory.resolve(
						"postmaster.pid")));
		}
		catch (IOException | RuntimeException ex) {
			throw EmbeddedDatabaseException.cannotStart(dataDirectory, ex);
		}
	}

	private static Optional<EmbeddedServer> join(Path dataDirectory, DataDirectoryLock lock,
			DataDirectoryLock.Owner owner, String applicationName, Instant deadline) throws InterruptedException {
		int port = owner.port().getAsInt();
		AtomicReference<Connection> presence = new AtomicReference<>();
		// Under the gate, so that the owner cannot find no session and stop the server while this one connects.
		lock.whileGated(deadline, () -> presence.set(connect(port, applicationName)));
		Optional<Postmaster> postmaster = Postmaster.of(dataDirectory).filter(running -> running.port() == port);
		if (presence.get() == null || postmaster.isEmpty()) {
			close(presence.get());
			return Optional.empty();
		}
		log.info("Using the embedded PostgreSQL of Sift process {} on port {} (data in {}); it stays running while"
				+ " this Sift uses it", owner.pid(), port, dataDirectory);
		return Optional.of(new EmbeddedServer(dataDirectory, lock, port, applicationName, postmaster.get(),
				presence.get()));
	}

	/** The URL of the server for this Sift's sessions. */
	String jdbcUrl() {
		return jdbcUrl(this.port, this.applicationName);
	}

	String username() {
		return USER;
	}

	int port() {
		return this.port;
	}

	/** Whether this Sift owns the server (it started it or took it over). */
	boolean owner() {
		return this.lock.owns();
	}

	private static String jdbcUrl(int port, String applicationName) {
		return "jdbc:postgresql://localhost:" + port + "/postgres?ApplicationName=" + applicationName;
	}

	/** A session, or {@code null} while the server does not accept connections. */
	private static Connection connect(int port, String applicationName) {
		try {
			return DriverManager.getConnection(jdbcUrl(port, applicationName), USER, "");
		}
		catch (SQLException ex) {
			return null;
		}
	}

	/**
	 * Stops the server if this Sift is the last one using it, or leaves it running for the others. Application
	 * contexts close this after the data source, which depends on it, and so after everything that uses the database.
	 */
	@Override
	public void close() throws InterruptedException {
		if (!this.state.compareAndSet(State.OPEN, State.CLOSING)) {
			return;
		}
		boolean gated = this.lock.whileGated(Instant.now().plus(CLOSE_WAIT), this::stopUnlessUsed);
		if (!gated) {
			close(this.presence);
			this.lock.release();
			log.warn("Leaving the embedded PostgreSQL on port {} running: another Sift held {} for {} s", this.port,
					this.lock.file(), CLOSE_WAIT.toSeconds());
		}
		this.state.set(State.CLOSED);
	}

	private void stopUnlessUsed() throws InterruptedException {
		if (!this.lock.tryOwn()) {
			close(this.presence);
			log.info("Leaving the embedded PostgreSQL on port {} to its owner, Sift process {}", this.port,
					this.lock.owner().map(DataDirectoryLock.Owner::pid).orElse(null));
			return;
		}
		try {
			Optional<List<String>> others = otherSessions();
			// Before stopping: a smart shutdown would wait for this session too.
			close(this.presence);
			if (others.isEmpty()) {
				stopLostServer();
			}
			else if (others.get().isEmpty()) {
				stop();
			}
			else {
				log.info("Leaving the embedded PostgreSQL on port {} running for {} other session(s): {}", this.port,
						others.get().size(), String.join(", ", others.get()));
			}
		}
		finally {
			close(this.presence);
			this.lock.release();
		}
	}

	/**
	 * The sessions of other Sifts and clients, waiting briefly for those of a Sift that is closing at the same moment
	 * to end; empty when the server cannot be reached.
	 */
	private Optional<List<String>> otherSessions() throws InterruptedException {
		Instant deadline = Instant.now().plus(DEPARTING_SESSIONS);
		try (Connection check = DriverManager.getConnection(jdbcUrl(), USER, "");
				PreparedStatement statement = check.prepareStatement("""
						SELECT coalesce(nullif(application_name, ''), usename) || ' (backend ' || pid || ')'
						FROM pg_stat_activity
						WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
						    AND application_name IS DISTINCT FROM ?
						ORDER BY backend_start
						""")) {
			statement.setString(1, this.applicationName);
			List<String> others = sessions(statement);
			while (!others.isEmpty() && Instant.now().isBefore(deadline)) {
				Thread.sleep(POLL_INTERVAL.toMillis());
				others = sessions(statement);
			}
			return Optional.of(others);
		}
		catch (SQLException ex) {
			return Optional.empty();
		}
	}

	private static List<String> sessions(PreparedStatement statement) throws SQLException {
		List<String> sessions = new ArrayList<>();
		try (ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				sessions.add(rows.getString(1));
			}
		}
		return sessions;
	}

	private void stop() throws InterruptedException {
		EmbeddedPostgres startedHere = STARTED_HERE.remove(this.dataDirectory);
		if (startedHere != null) {
			// pg_ctl stop -m fast, which gives up waiting after 5 s while the server may still be shutting down.
			close(startedHere);
		}
		if (this.postmaster.stop(CLOSE_WAIT)) {
			log.info("Stopped the embedded PostgreSQL on port {} (data in {})", this.port, this.dataDirectory);
		}
		else {
			log.warn("The embedded PostgreSQL (pid {}) in {} did not stop within {} s", this.postmaster.pid(),
					this.dataDirectory, CLOSE_WAIT.toSeconds());
		}
	}

	/** The server does not answer: stopped already if its process is gone, else left alone for a person to look at. */
	private void stopLostServer() {
		if (this.postmaster.process().isAlive()) {
			log.warn("The embedded PostgreSQL (pid {}) in {} does not accept connections; it is left running. Stop it"
					+ " with kill {} if it does not recover", this.postmaster.pid(), this.dataDirectory,
					this.postmaster.pid());
			return;
		}
		EmbeddedPostgres startedHere = STARTED_HERE.remove(this.dataDirectory);
		if (startedHere != null) {
			// Frees zonky's lock in the directory; its pg_ctl finds no server to stop.
			close(startedHere);
		}
	}

	private void reportLoss() {
		if (this.state.get() == State.OPEN) {
			log.error("The embedded PostgreSQL (pid {}, data in {}) stopped while Sift was using it: runs under way"
					+ " fail. Start the same run again to resume it after its last committed chunk.",
					this.postmaster.pid(), this.dataDirectory);
		}
	}

	private static void close(AutoCloseable closeable) {
		if (closeable == null) {
			return;
		}
		try {
			closeable.close();
		}
		catch (Exception ex) {
			log.debug("Closing {} failed", closeable, ex);
		}
	}

	private enum State {

		OPEN, CLOSING, CLOSED

	}

}
