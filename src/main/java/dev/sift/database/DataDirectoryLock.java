package dev.sift.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lock file beside an embedded data directory ({@code data/postgres.lock} for {@code data/postgres}; initdb needs
 * the data directory itself empty). Whoever holds its owner lock owns the server of that directory and has written
 * its process id and the server's port into it. The operating system frees the lock when the owner ends, also on
 * {@code kill -9}, so a free lock means no live owner.
 *
 * <p>
 * A second, short-lived gate lock makes joining and the last one's shutdown exclusive: a Sift joins (opens its first
 * session) and a closing Sift looks for sessions and stops the server only while holding the gate, so a server is
 * never stopped between another Sift seeing it running and connecting to it.
 *
 * <p>
 * These are POSIX record locks: they belong to the process, and closing any descriptor of the file drops all of them.
 * So this JVM opens each lock file once and keeps it open; several application contexts of one JVM share the channel
 * and see each other's locks as {@link OverlappingFileLockException}, which counts as held like a lock of another
 * process.
 */
final class DataDirectoryLock {

	private static final Map<Path, FileChannel> CHANNELS = new ConcurrentHashMap<>();

	/** The text (process id and port) is written at the start; the locks lie past it. */
	private static final int TEXT_SIZE = 1024;

	private static final long OWNER_REGION = TEXT_SIZE;

	private static final long GATE_REGION = TEXT_SIZE + 1;

	private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

	private static final Pattern PID = Pattern.compile("(?m)^pid=(\\d+)$");

	private static final Pattern PORT = Pattern.compile("(?m)^port=(\\d+)$");

	private final Path file;

	private final FileChannel channel;

	private FileLock ownerLock;

	private DataDirectoryLock(Path file, FileChannel channel) {
		this.file = file;
		this.channel = channel;
	}

	/** The lock file of {@code dataDirectory}, created if needed (the locks are not taken yet). */
	static DataDirectoryLock of(Path dataDirectory) {
		Path file = fileOf(dataDirectory);
		return new DataDirectoryLock(file, CHANNELS.computeIfAbsent(file, DataDirectoryLock::open));
	}

	private static Path fileOf(Path dataDirectory) {
		Path directory = dataDirectory.toAbsolutePath().normalize();
		return directory.resolveSibling(directory.getFileName() + ".lock");
	}

	private static FileChannel open(Path file) {
		try {
			return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open the lock file " + file, ex);
		}
	}

	Path file() {
		return this.file;
	}

	/** Takes the owner lock if nobody (no process, no other context of this JVM) holds it. */
	synchronized boolean tryOwn() {
		if (this.ownerLock == null) {
			this.ownerLock = tryLock(OWNER_REGION);
		}
		return this.ownerLock != null;
	}

	synchronized boolean owns() {
		return this.ownerLock != null;
	}

	/** Names the owner (this process) and, once its server accepts connections, the server's port. */
	void recordOwner(long pid, OptionalInt port) {
		String text = "pid=" + pid + "\n" + (port.isPresent() ? "port=" + port.getAsInt() + "\n" : "");
		try {
			this.channel.truncate(0);
			this.channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the lock file " + this.file, ex);
		}
	}

	/** What the last owner wrote; read through the shared channel, since closing another descriptor drops the locks. */
	Optional<Owner> owner() {
		ByteBuffer buffer = ByteBuffer.allocate(TEXT_SIZE);
		try {
			while (buffer.hasRemaining()) {
				if (this.channel.read(buffer, buffer.position()) <= 0) {
					break;
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the lock file " + this.file, ex);
		}
		String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
		Matcher pid = PID.matcher(text);
		if (!pid.find()) {
			return Optional.empty();
		}
		Matcher port = PORT.matcher(text);
		return Optional.of(new Owner(Long.parseLong(pid.group(1)),
				port.find() ? OptionalInt.of(Integer.parseInt(port.group(1))) : OptionalInt.empty()));
	}

	synchronized void release() {
		if (this.ownerLock != null) {
			release(this.ownerLock);
			this.ownerLock = null;
		}
	}

	/**
	 * Runs {@code action} holding the gate lock, waiting for it until {@code deadline}.
	 * @return whether the gate was taken and the action ran
	 */
	boolean whileGated(Instant deadline, GatedAction action) throws InterruptedException {
		FileLock gate;
		while ((gate = tryLock(GATE_REGION)) == null) {
			if (Instant.now().isAfter(deadline)) {
				return false;
			}
			Thread.sleep(POLL_INTERVAL.toMillis());
		}
		try {
			action.run();
			return true;
		}
		finally {
			release(gate);
		}
	}

	private FileLock tryLock(long region) {
		try {
			return this.channel.tryLock(region, 1, false);
		}
		catch (OverlappingFileLockException ex) {
			return null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot lock " + this.file, ex);
		}
	}

	private void release(FileLock lock) {
		try {
			lock.release();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot release the lock of " + this.file, ex);
		}
	}

	/** What runs while the gate is held. */
	@FunctionalInterface
	interface GatedAction {

		void run() throws InterruptedException;

	}

	/**
	 * What an owner wrote into the lock file.
	 * @param pid the owner's process id
	 * @param port the port of its server, once the server accepts connections
	 */
	record Owner(long pid, OptionalInt port) {
	}

}
