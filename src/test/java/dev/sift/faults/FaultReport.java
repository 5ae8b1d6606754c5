package dev.sift.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * What a fault test injected and what it found, printed as it happens, so that a CI log tells what was tried even
 * when the test passes; and at the end the test's duration with the machine's load averages at its start and end (the
 * suite runs real JVMs on shared machines, where the load explains the times).
 */
final class FaultReport {

	private final String test;

	private final long started = System.nanoTime();

	private final String loadAtStart = loadAverages();

	private FaultReport(String test) {
		this.test = test;
	}

	/** A fault the test caused. */
	void injected(String format, Object... arguments) {
		print("injected", format, arguments);
	}

	/** What the test found afterwards. */
	void found(String format, Object... arguments) {
		print("found", format, arguments);
	}

	void note(String format, Object... arguments) {
		print("note", format, arguments);
	}

	/** A measured time, in seconds. */
	static String seconds(long nanos) {
		return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
	}

	private void print(String kind, String format, Object... arguments) {
		System.out.printf(Locale.ROOT, "[faults] %s %s: %s%n", this.test, kind, String.format(Locale.ROOT, format,
				arguments));
	}

	private void end(Throwable failure) {
		print("took", "%s, %s; load averages (1, 5, 15 min) %s at the start, %s at the end",
				seconds(System.nanoTime() - this.started),
				failure == null ? "passed" : "FAILED (" + failure.toString().lines().findFirst().orElse("") + ")",
				this.loadAtStart, loadAverages());
	}

	private static String loadAverages() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the load averages", ex);
		}
	}

	/** Gives each test method a report of its own, and prints its duration and load when it ends. */
	static final class Extension implements ParameterResolver, AfterEachCallback {

		private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
			.create(FaultReport.class);

		@Override
		public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
			return parameter.getParameter().getType() == FaultReport.class;
		}

		@Override
		public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
			return context.getStore(NAMESPACE)
				.computeIfAbsent(FaultReport.class,
						key -> new FaultReport(context.getRequiredTestClass().getSimpleName()), FaultReport.class);
		}

		@Override
		public void afterEach(ExtensionContext context) {
			FaultReport report = context.getStore(NAMESPACE).get(FaultReport.class, FaultReport.class);
			if (report != null) {
				report.end(context.getExecutionException().orElse(null));
			}
		}

	}

}
