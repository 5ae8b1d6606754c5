package dev.sift.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a GGUF file into llama.cpp once per process. Models are never closed: closing frees no native memory and
 * calling a closed model hangs (java-llama.cpp issues 102, 116).
 */
final class LlamaModelLoader {

	private static final Logger log = LoggerFactory.getLogger(LlamaModelLoader.class);

	static final String LIBRARY_PATH_PROPERTY = "de.kherud.llama.lib.path";

	static final String EXTRACTION_DIRECTORY_PROPERTY = "de.kherud.llama.tmpdir";

	private static Path activeLogFile;

	/** Every instance is loaded alike, so the GPU is probed once per process and settings. */
	private static final Map<OffloadKey, GpuOffload> offloads = new HashMap<>();

	private LlamaModelLoader() {
	}

	/** {@code sift.model.instances} instances of the model, each with its own slots. */
	static List<LlamaModel> loadInstances(Path file, LlamaCppProperties properties) {
		List<LlamaModel> instances = new ArrayList<>();
		for (int i = 0; i < properties.effectiveInstances(); i++) {
			instances.add(load(file, properties));
		}
		return instances;
	}

	static synchronized LlamaModel load(Path file, LlamaCppProperties properties) {
		prepareNativeLibrary(properties.nativeLibraryDir());
		GpuOffload offload = offloads.computeIfAbsent(
				new OffloadKey(file, properties.nativeLibraryDir(), properties.gpuLayers(), properties.flashAttention()),
				key -> GpuOffload.decide(properties.gpuLayers(),
						GpuOffload.isBundledCpuLibrary(properties.nativeLibraryDir()),
						layers -> OffloadProbe.probe(file, properties, layers)));
		ModelParameters parameters = parameters(file, properties, offload.layers());
		if (properties.nativeLogFile() != null) {
			Path logFile = logFile(properties.nativeLogFile());
			// llama.cpp's log is one per process and reopening the file truncates it: open it for the first model only.
			if (!logFile.equals(activeLogFile)) {
				parameters.setLogFile(logFile.toString());
				activeLogFile = logFile;
			}
		}
		else if (!properties.nativeLog()) {
			// llama.cpp logs every slot event to stdout and ignores java-llama.cpp's log callback once loaded.
			parameters.disableLog();
		}
		long started = System.nanoTime();
		LlamaModel model = newModel(parameters);
		log.info("Loaded model {} in {} ms: {} slots of {} context tokens, {} threads, {}{}", file,
				(System.nanoTime() - started) / 1_000_000, properties.parallel(), properties.slotContext(),
				properties.effectiveThreads(), offload.summary(), properties.flashAttention() ? ", flash attention" : "");
		return model;
	}

	/** The first model loads the library in the jar unless {@link #prepareNativeLibrary} loaded the user's. */
	private static LlamaModel newModel(ModelParameters parameters) {
		try {
			return new LlamaModel(parameters);
		}
		catch (UnsatisfiedLinkError ex) {
			throw NativeLibraryUnavailableException.bundledUnloadable(ex);
		}
	}

	/**
	 * The engine layout of an instance. {@code --gpu-layers} is passed only for layers above 0: llama.cpp prints "no
	 * usable GPU found" on standard error for any value, 0 too, when the library has no GPU.
	 */
	static ModelParameters parameters(Path file, LlamaCppProperties properties, int gpuLayers) {
		ModelParameters parameters = new ModelParameters().setModel(file.toString())
			.setCtxSize(properties.contextSize())
			.setParallel(properties.parallel())
			.setThreads(properties.effectiveThreads())
			.setBatchSize(properties.batchSize())
			.enableContBatching()
			.enableJinja();
		if (gpuLayers > 0) {
			parameters.setGpuLayers(gpuLayers);
		}
		if (properties.flashAttention()) {
			parameters.enableFlashAttn();
		}
		return parameters;
	}

	/** llama.cpp silently writes no log when the file's directory is missing. */
	private static Path logFile(Path file) {
		Path absolute = file.toAbsolutePath();
		try {
			Files.createDirectories(absolute.getParent());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the directory of sift.model.native-log-file " + file, ex);
		}
		return absolute;
	}

	/**
	 * Points java-llama.cpp at the native library before its first use. Its loader deletes {@code jllama*} files in
	 * the shared temp directory and extracts under a fixed name, so each process extracts into a private directory.
	 * The user's own library is loaded here first: java-llama.cpp's loader only prints why it cannot load it and
	 * falls back to the CPU library in the jar, so a broken GPU build would run on the CPU without a word. Both
	 * properties are set before: the library's {@code JNI_OnLoad} initialises java-llama.cpp's classes, and with them
	 * its loader, whose own load of the same library then returns the one being loaded.
	 */
	static synchronized void prepareNativeLibrary(Path nativeLibraryDir) {
		if (System.getProperty(EXTRACTION_DIRECTORY_PROPERTY) == null) {
			try {
				Path directory = Files.createTempDirectory("sift-llama-");
				directory.toFile().deleteOnExit();
				System.setProperty(EXTRACTION_DIRECTORY_PROPERTY, directory.toString());
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot create a directory for the native llama.cpp library", ex);
			}
		}
		if (nativeLibraryDir != null) {
			String libraryName = System.mapLibraryName("jllama");
			Path library = nativeLibraryDir.resolve(libraryName).toAbsolutePath();
			if (!Files.isRegularFile(library)) {
				throw NativeLibraryUnavailableException.missing(nativeLibraryDir, libraryName);
			}
			System.setProperty(LIBRARY_PATH_PROPERTY, library.getParent().toString());
			try {
				System.load(library.toString());
			}
			catch (UnsatisfiedLinkError ex) {
				throw NativeLibraryUnavailableException.unloadable(library, ex);
			}
		}
	}

	private record OffloadKey(Path file, Path nativeLibraryDir, GpuLayers gpuLayers, boolean flashAttention) {
	}

}
