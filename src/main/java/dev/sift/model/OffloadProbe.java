package dev.sift.model;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Asks llama.cpp itself what a native library can do with the GPU: loads the model in a child JVM
 * ({@link NativeProbe}) with the configured library, GPU layers and flash attention, and reads its log. This costs a
 * second load of the model, for a moment, so Sift does it only where a GPU is possible (a library of your own) and
 * in {@code doctor}.
 */
public final class OffloadProbe {

	private static final Duration TIMEOUT = Duration.ofMinutes(5);

	private OffloadProbe() {
	}

	/** Loads {@code file} as {@code properties} say, asking for {@code gpuLayers} layers, and reports what happened. */
	public static OffloadReport probe(Path file, LlamaCppProperties properties, int gpuLayers) {
		Path output = null;
		Path log = null;
		try {
			output = Files.createTempFile("sift-native-probe-", ".out");
			log = Files.createTempFile("sift-native-probe-", ".log");
			Process process = new ProcessBuilder(command(file, properties, gpuLayers, log)).redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				return OffloadReport.parse(read(output) + read(log), false, "the probe did not load the model within "
						+ TIMEOUT.toMinutes() + " minutes");
			}
			String printed = read(output);
			boolean loaded = process.exitValue() == 0 && printed.contains(NativeProbe.LOADED);
			return OffloadReport.parse(printed + read(log), loaded,
					loaded ? "" : failureOf(printed, process.exitValue()));
		}
		catch (IOException ex) {
			return OffloadReport.parse("", false, "cannot start the probe process: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return OffloadReport.parse("", false, "interrupted");
		}
		finally {
			delete(output);
			delete(log);
		}
	}

	private static void delete(Path file) {
		if (file != null) {
			file.toFile().delete();
		}
	}

	private static String failureOf(String log, int exitCode) {
		int failed = log.lastIndexOf(NativeProbe.FAILED);
		if (failed >= 0) {
			return log.substring(failed + NativeProbe.FAILED.length()).lines().findFirst().orElse("").strip();
		}
		return "the probe process ended with exit code " + exitCode + " (llama.cpp may have aborted it)";
	}

	private static String read(Path output) throws IOException {
		return new String(Files.readAllBytes(output), StandardCharsets.UTF_8);
	}

	/**
	 * The same Java and class path as this process. From Sift's executable jar the probe starts through the jar's own
	 * launcher, whose main class hands the {@link NativeProbe#ARGUMENT} on to the probe.
	 */
	private static List<String> command(Path file, LlamaCppProperties properties, int gpuLayers, Path log)
			throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		if (Runtime.version().feature() >= 22) {
			command.add("--enable-native-access=ALL-UNNAMED");
		}
		String classPath = System.getProperty("java.class.path");
		command.add("-cp");
		command.add(classPath);
		command.add(executableJarLauncher(classPath).orElse(NativeProbe.class.getName()));
		command.add(NativeProbe.ARGUMENT);
		command.add(file.toAbsolutePath().toString());
		command.add(properties.nativeLibraryDir() == null ? NativeProbe.NO_LIBRARY_DIR
				: properties.nativeLibraryDir().toAbsolutePath().toString());
		command.add(Integer.toString(gpuLayers));
		command.add(Boolean.toString(properties.flashAttention()));
		command.add(log.toString());
		return command;
	}

	/** The launcher of a Spring Boot executable jar (a manifest naming a {@code Start-Class}) that is the class path. */
	private static Optional<String> executableJarLauncher(String classPath) throws IOException {
		if (classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
			return Optional.empty();
		}
		try (JarFile jar = new JarFile(classPath)) {
			Manifest manifest = jar.getManifest();
			if (manifest == null || manifest.getMainAttributes().getValue("Start-Class") == null) {
				return Optional.empty();
			}
			return Optional.ofNullable(manifest.getMainAttributes().getValue("Main-Class"));
		}
	}

}
