package dev.sift.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Another Sift on a data directory, in a JVM of its own ({@link EmbeddedServerMain}, or another main of the test
 * class path), driven through its standard input and signals; its output goes to a file so that it never blocks on a
 * full pipe.
 */
final class OtherSift implements AutoCloseable {

	private static final Duration PATIENCE = Duration.ofMinutes(2);

	private final Process process;

	private final Path output;

	private final Writer commands;

	private OtherSift(Process process, Path output) {
		this.process = process;
		this.output = output;
		this.commands = process.outputWriter(StandardCharsets.UTF_8);
	}

	static OtherSift start(Path dataDirectory, Path output) throws IOException {
		return start(EmbeddedServerMain.class, dataDirectory, output);
	}

	static OtherSift start(Class<?> main, Path dataDirectory, Path output) throws IOException {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				classPath, main.getName(), dataDirectory.toString())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		return new OtherSift(process, output);
	}

	long pid() {
		return this.process.pid();
	}

	/** Waits for the {@code ready} line and returns the port it names. */
	int awaitReady(boolean owner) {
		String ready = awaitLine("ready ");
		if (!ready.endsWith(" owner=" + owner)) {
			throw new AssertionError("expected owner=" + owner + ", got '" + ready + "', see " + this.output);
		}
		return Integer.parseInt(ready.substring("ready port=".length(), ready.indexOf(' ', "ready port=".length())));
	}

	String awaitLine(String prefix) {
		await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
			if (!this.process.isAlive() && line(prefix).isEmpty()) {
				throw new AssertionError("the other Sift ended early, see " + this.output + ":\n" + output());
			}
			return line(prefix).isPresent();
		});
		return line(prefix).orElseThrow();
	}

	void send(String command) throws IOException {
		this.commands.write(command + "\n");
		this.commands.flush();
	}

	String output() {
		try {
			return Files.readString(this.output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Closes it the way Sift closes and returns its exit code. */
	int closeAndWait() throws IOException, InterruptedException {
		send("close");
		if (!this.process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
			throw new AssertionError("the other Sift did not end, see " + this.output);
		}
		return this.process.exitValue();
	}

	/** SIGTERM, as a service manager stops Sift: the JVM runs its shutdown hooks. Returns the exit code. */
	int terminate() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
			throw new AssertionError("the other Sift did not end, see " + this.output);
		}
		return this.process.exitValue();
	}

	/** SIGKILL: no shutdown hook, no close. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
	}

	private Optional<String> line(String prefix) {
		List<String> lines = output().lines().toList();
		return lines.stream().filter(line -> line.startsWith(prefix)).findFirst();
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			kill();
		}
	}

}
