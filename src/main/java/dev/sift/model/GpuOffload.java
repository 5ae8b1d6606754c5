package dev.sift.model;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.IntFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many layers to give llama.cpp for the GPU, decided once per process from {@code sift.model.gpu-layers} and
 * what the native library can do, and said in the log: {@code auto} offloads every layer when the library can, none
 * otherwise; layers asked for that no GPU takes are a warning, never silent.
 *
 * <p>
 * The CPU libraries bundled in java-llama.cpp 4.2.0's jar for Linux and Windows cannot offload, so with them nothing
 * is probed. A library of your own ({@code sift.model.native-library-dir}), and the macOS ones, are probed: llama.cpp
 * loads the model once in a child process and says how many layers went to the GPU ({@link OffloadProbe}).
 *
 * @param layers what llama.cpp is given ({@code --gpu-layers}); 0 passes no option at all, since llama.cpp warns on
 * standard error about any GPU layers, even 0, when it has no GPU
 * @param summary what went to the GPU, for the load's log line
 */
record GpuOffload(int layers, String summary) {

	private static final Logger log = LoggerFactory.getLogger(GpuOffload.class);

	private static final String BUNDLED_CPU = "the native library bundled in the java-llama.cpp jar is a CPU build";

	private static final String HOW_TO = "see \"Running on a GPU\" in the README";

	/**
	 * @param probe loads the model asking for the given GPU layers and reports what llama.cpp did
	 */
	static GpuOffload decide(GpuLayers requested, boolean bundledCpuLibrary, IntFunction<OffloadReport> probe) {
		if (requested.count() == 0) {
			return new GpuOffload(0, "0 GPU layers (" + GpuLayers.PROPERTY + "=0)");
		}
		if (bundledCpuLibrary) {
			if (requested.isAuto()) {
				return new GpuOffload(0, "0 GPU layers (auto: " + BUNDLED_CPU + ")");
			}
			log.warn("{}={} asks for GPU layers, but {}: every layer runs on the CPU. Set sift.model.native-library-dir "
					+ "to a GPU build ({}), or {}=0 to silence this", GpuLayers.PROPERTY, requested, BUNDLED_CPU, HOW_TO,
					GpuLayers.PROPERTY);
			return new GpuOffload(0, "0 GPU layers (" + requested + " asked for; " + BUNDLED_CPU + ")");
		}
		int asked = requested.asked();
		OffloadReport report = probe.apply(asked);
		if (!report.loaded()) {
			log.warn("Could not find out whether the native library offloads to the GPU: {}", report.failure());
			return requested.isAuto() ? new GpuOffload(0, "0 GPU layers (auto: the probe failed)")
					: new GpuOffload(asked, asked + " GPU layers asked for (not confirmed: the probe failed)");
		}
		if (!report.offloads()) {
			String why = report.gpuUsable() ? "llama.cpp offloaded none" : "llama.cpp: " + OffloadReport.NO_USABLE_GPU;
			if (requested.isAuto()) {
				return new GpuOffload(0, "0 GPU layers (auto: " + why + "; backends " + report.backends() + ")");
			}
			log.warn("{}={} asks for GPU layers, but {} (backends of the native library: {}): every layer runs on the "
					+ "CPU. Check the GPU driver and that the library is a GPU build ({})", GpuLayers.PROPERTY,
					requested, why, report.backends(), HOW_TO);
			return new GpuOffload(0, "0 GPU layers (" + requested + " asked for; " + why + ")");
		}
		return new GpuOffload(asked, report.offloadSummary() + " (" + GpuLayers.PROPERTY + "=" + requested
				+ ", as llama.cpp reported it)");
	}

	/** Whether the library that will be loaded is java-llama.cpp's bundled one on a system where that is CPU-only. */
	static boolean isBundledCpuLibrary(Path nativeLibraryDir) {
		return nativeLibraryDir == null && !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("mac");
	}

}
