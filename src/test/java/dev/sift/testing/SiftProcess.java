package dev.sift.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.sift.SiftApplication;

/**
 * A real Sift in a JVM of its own, started from the test class path (so {@code --spring.main.sources} can add test
 * configurations such as {@link GateFileModel}), its output in a log file that every failure names. The JVM is tuned
 * to start fast, not to run fast: the child JVMs of a test run little code for a short time.
 */
public final class SiftProcess implements AutoCloseable {

	private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
			"-Xmx256m");

	private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

	private static final Duration KILL_WAIT = Duration.ofSeconds(30);

	private final Process process;

	private final Path log;

	private SiftProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	/** Starts {@code java dev.sift.SiftApplication ARGUMENTS}, writing its output to {@code log}. */
	public static SiftProcess start(List<String> arguments, Path log) throws IOException {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(JVM_OPTIONS);
		command.addAll(List.of("-cp", classPath, SiftApplication.class.getName()));
		command.addAll(arguments);
		Files.createDirectories(log.toAbsolutePath().getParent());
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		return new SiftProcess(process, log);
	}

	public long pid() {
		return this.process.pid();
	}

	public Path log() {
		return this.log;
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** The lines of its output so far. */
	public List<String> lines() {
		try {
			return Files.readAllLines(this.log, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			return List.of();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + this.log, ex);
		}
	}

	/** The first line of its output so far that contains a match of {@code pattern}. */
	public Optional<Matcher> line(Pattern pattern) {
		return lines().stream().map(pattern::matcher).filter(Matcher::find).findFirst();
	}

	/**
	 * Waits for a line of its output that contains a match of {@code pattern}.
	 * @throws AssertionError when the process ends first or {@code patience} runs out, naming the log
	 */
	public Matcher awaitLine(Pattern pattern, Duration patience) throws InterruptedException {
		long deadline = System.nanoTime() + patience.toNanos();
		while (true) {
			Optional<Matcher> line = line(pattern);
			if (line.isPresent()) {
				return line.get();
			}
			if (!this.process.isAlive()) {
				// It may have written the line just before it ended.
				return line(pattern).orElseThrow(() -> new AssertionError("Sift (pid " + pid() + ") ended with exit code "
						+ this.process.exitValue() + " before printing a line matching '" + pattern + "', see "
						+ this.log));
			}
			if (System.nanoTime() - deadline > 0) {
				throw new AssertionError("Sift (pid " + pid() + ") printed no line matching '" + pattern + "' within "
						+ patience.toSeconds() + " s, see " + this.log);
			}
			Thread.sleep(POLL_INTERVAL.toMillis());
		}
	}

	/**
	 * Waits for the process to end.
	 * @return its exit code
	 * @throws AssertionError when it is still running after {@code patience}, naming the log
	 */
	public int awaitExit(Duration patience) throws InterruptedException {
		if (!this.process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new AssertionError("Sift (pid " + pid() + ") did not end within " + patience.toSeconds() + " s, see "
					+ this.log);
		}
		return this.process.exitValue();
	}

	/** SIGKILL, as {@code kill -9} or the out-of-memory killer: no shutdown hook runs. Waits for the end. */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		if (!this.process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new AssertionError("Sift (pid " + pid() + ") survived SIGKILL for " + KILL_WAIT.toSeconds() + " s");
		}
	}

	/** SIGTERM, as a service manager stops Sift: the JVM runs its shutdown hooks. Does not wait. */
	public void terminate() {
		this.process.destroy();
	}

	/** Kills the process if it still runs, so that no JVM outlives its test. */
	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			kill();
		}
	}

}
