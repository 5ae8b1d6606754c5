package dev.sift.model;

import java.nio.file.Path;
import java.util.Arrays;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;

/**
 * Loads the model once in a process of its own with llama.cpp's log on, so that {@link OffloadProbe} can read what
 * llama.cpp says about the native library and the GPU: java-llama.cpp 4.2.0 neither exposes
 * {@code llama_supports_gpu_offload} nor passes load messages to its log callback, and a log turned on in Sift's own
 * process would stay on for every request after. Started as {@code SiftApplication native-probe MODEL LIBRARY_DIR
 * GPU_LAYERS FLASH_ATTENTION LOG_FILE}, before Spring starts. The log file holds llama.cpp's debug lines too (which
 * layer went to which device); standard error holds the warnings llama.cpp prints before its log starts.
 */
public final class NativeProbe {

	/** The first argument that makes Sift's main method run this probe instead of the application. */
	public static final String ARGUMENT = "native-probe";

	static final String LOADED = "SIFT-PROBE loaded";

	static final String FAILED = "SIFT-PROBE failed: ";

	static final String NO_LIBRARY_DIR = "-";

	private static final int CONTEXT_SIZE = 256;

	private NativeProbe() {
	}

	/**
	 * @param args {@link #ARGUMENT}, the model file, the library directory or {@code -}, the GPU layers, flash
	 * attention, the log file
	 */
	public static void main(String[] args) {
		try {
			load(Arrays.copyOfRange(args, 1, args.length));
			System.out.println(LOADED);
			System.out.flush();
			System.exit(0);
		}
		catch (RuntimeException | Error ex) {
			System.out.println(FAILED + ex);
			System.out.flush();
			System.exit(2);
		}
	}

	private static void load(String[] args) {
		LlamaModelLoader.prepareNativeLibrary(args[1].equals(NO_LIBRARY_DIR) ? null : Path.of(args[1]));
		ModelParameters parameters = new ModelParameters().setModel(args[0])
			.setCtxSize(CONTEXT_SIZE)
			.setParallel(1)
			.setThreads(1);
		int gpuLayers = Integer.parseInt(args[2]);
		if (gpuLayers > 0) {
			parameters.setGpuLayers(gpuLayers);
		}
		if (Boolean.parseBoolean(args[3])) {
			parameters.enableFlashAttn();
		}
		parameters.setLogFile(args[4]);
		new LlamaModel(parameters);
	}

}
