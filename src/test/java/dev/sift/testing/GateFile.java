package dev.sift.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A {@link GatedChatModel} in another JVM, driven through files: the test writes how many requests the model may
 * answer in all (or {@code open}) to the gate file, and the model's JVM ({@link GateFileModel}) keeps the file
 * {@code <gate>.held} while it holds a request. So a test knows a Sift process is in the middle of a chunk when it
 * kills or stops it.
 */
public final class GateFile {

	private static final String OPEN = "open";

	private static final long POLL_MILLISECONDS = 20;

	private final Path file;

	private GateFile(Path file) {
		this.file = file;
	}

	/** A closed gate: no request is answered until the test allows it. */
	public static GateFile closed(Path file) {
		GateFile gate = new GateFile(file);
		gate.write("0");
		return gate;
	}

	public Path file() {
		return this.file;
	}

	/** Lets this many requests through in all, since the gate was made; more than before, never fewer. */
	public void allowInAll(int requests) {
		write(Integer.toString(requests));
	}

	/** Lets every request through from now on. */
	public void open() {
		write(OPEN);
	}

	/** Whether the model's JVM holds a request now, every request allowed so far answered. */
	public boolean isHolding() {
		return Files.exists(held(this.file));
	}

	private void write(String allowance) {
		try {
			Path next = this.file.resolveSibling(this.file.getFileName() + ".next");
			Files.writeString(next, allowance, StandardCharsets.UTF_8);
			Files.move(next, this.file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the gate " + this.file, ex);
		}
	}

	private static Path held(Path file) {
		return file.resolveSibling(file.getFileName() + ".held");
	}

	/**
	 * The model's side: polls the gate file, lets the requests it allows through {@code gate}, and keeps the held
	 * marker while the gate holds one.
	 */
	static Watch watch(Path file, GatedChatModel gate) {
		return new Watch(file, gate);
	}

	/** Follows a gate file until closed. */
	static final class Watch implements AutoCloseable {

		private final Path file;

		private final GatedChatModel gate;

		private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "gate-file");
			thread.setDaemon(true);
			return thread;
		});

		private int allowed;

		private boolean open;

		private Watch(Path file, GatedChatModel gate) {
			this.file = file;
			this.gate = gate;
			this.poller.scheduleWithFixedDelay(this::poll, 0, POLL_MILLISECONDS, TimeUnit.MILLISECONDS);
		}

		private void poll() {
			try {
				follow(Files.readString(this.file, StandardCharsets.UTF_8).trim());
				// Every request allowed has been answered: a request the gate counts as held is blocked for certain,
				// not just passing through on a permit left.
				if (!this.open && this.gate.isHolding() && this.gate.answered() >= this.allowed) {
					Files.writeString(held(this.file), Integer.toString(this.gate.answered()), StandardCharsets.UTF_8);
				}
				else {
					Files.deleteIfExists(held(this.file));
				}
			}
			catch (NoSuchFileException ex) {
				// Not written yet: nothing is allowed.
			}
			catch (IOException | RuntimeException ex) {
				// An exception would end the polling for good, and the test would wait in vain: say it, go on.
				System.err.println("Cannot follow the gate " + this.file + ": " + ex);
			}
		}

		private void follow(String allowance) {
			if (this.open) {
				return;
			}
			if (allowance.equals(OPEN)) {
				this.open = true;
				this.gate.open();
				return;
			}
			int inAll = Integer.parseInt(allowance);
			if (inAll > this.allowed) {
				this.gate.allow(inAll - this.allowed);
				this.allowed = inAll;
			}
		}

		@Override
		public void close() {
			this.poller.shutdownNow();
		}

	}

}
