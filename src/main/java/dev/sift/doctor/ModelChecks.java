package dev.sift.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.sift.definition.JobSpec;
import dev.sift.definition.JobSpecs;
import dev.sift.job.PromptFit;
import dev.sift.model.GpuLayers;
import dev.sift.model.LlamaCppProperties;
import dev.sift.model.ModelFile;
import dev.sift.model.OffloadProbe;
import dev.sift.model.OffloadReport;
import dev.sift.support.Sha256;

/**
 * The model's rows of {@code doctor}: the file and its checksum, the native library and what llama.cpp says it can
 * do with the GPU, the slots, and whether each job's prompt fits a slot.
 */
@Component
class ModelChecks {

	private static final String GPU_HOW_TO = "see \"Running on a GPU\" in the README";

	private final ObjectProvider<ModelFile> files;

	private final ObjectProvider<LlamaCppProperties> settings;

	private final ChatModel model;

	private final JobSpecs specs;

	/** The file and settings are there when Sift's own llama.cpp model is, not with another chat model. */
	ModelChecks(ObjectProvider<ModelFile> files, ObjectProvider<LlamaCppProperties> settings, ChatModel model,
			JobSpecs specs) {
		this.files = files;
		this.settings = settings;
		this.model = model;
		this.specs = specs;
	}

	List<Finding> check() {
		List<Finding> findings = new ArrayList<>();
		ModelFile file = this.files.getIfAvailable();
		LlamaCppProperties properties = this.settings.getIfAvailable();
		if (file == null || properties == null) {
			findings.add(Finding.warn("model", "not java-llama.cpp but " + this.model.getClass().getName()
					+ ": its file, native library, GPU and slots are not checked",
					"leave LlamaCppAutoConfiguration on to run Sift's own model"));
			findings.addAll(promptFits());
			return findings;
		}
		findings.add(modelFile(file));
		findings.add(checksum(file, properties));
		OffloadReport report = OffloadProbe.probe(file.path(), properties,
				properties.gpuLayers().asked());
		findings.add(nativeLibrary(report, properties));
		findings.add(gpuOffload(report, properties));
		findings.add(Finding.pass("slots", String.format(Locale.ROOT,
				"%d instance(s) x %d slots x %d context tokens per slot (%d per instance)",
				properties.effectiveInstances(), properties.parallel(), properties.slotContext(),
				properties.contextSize())));
		findings.addAll(promptFits());
		return findings;
	}

	/** Per job, whether its shared prompt and longest reply fit a slot; nothing for a model that does not say. */
	private List<Finding> promptFits() {
		List<Finding> findings = new ArrayList<>();
		for (JobSpec spec : this.specs.all()) {
			PromptFit.of(spec, this.model)
				.map(fit -> fit.fits() ? Finding.pass("prompt of " + spec.name(), fit.summary())
						: Finding.fail("prompt of " + spec.name(), fit.summary(), fit.fix()))
				.ifPresent(findings::add);
		}
		return findings;
	}

	private static Finding modelFile(ModelFile file) {
		Path path = file.path().toAbsolutePath();
		try {
			return Finding.pass("model file", path + String.format(Locale.ROOT, " (%,d bytes)", Files.size(path)));
		}
		catch (IOException ex) {
			return Finding.fail("model file", path + ": " + ex.getMessage(),
					"point sift.model.path at a readable GGUF file");
		}
	}

	/**
	 * The file's SHA-256 against {@code sift.model.sha256}, or against the published checksum of a download from a
	 * known URL. A local file without a checksum set has nothing to be compared with, which is no fault.
	 */
	private static Finding checksum(ModelFile file, LlamaCppProperties properties) {
		String expected = properties.path() == null || hasText(properties.sha256())
				? properties.effectiveSha256() : null;
		String actual;
		try {
			actual = Sha256.ofFile(file.path());
		}
		catch (IOException ex) {
			return Finding.fail("model checksum", "cannot read " + file.path() + ": " + ex.getMessage(),
					"make the model file readable");
		}
		if (expected == null) {
			return Finding.pass("model checksum", "SHA-256 " + actual + " (no sift.model.sha256 to compare with)");
		}
		if (expected.strip().equalsIgnoreCase(actual)) {
			return Finding.pass("model checksum", "SHA-256 " + actual + " as expected");
		}
		return Finding.fail("model checksum", "SHA-256 " + actual + " does not match " + expected.strip(),
				"the file is damaged or another one: download it again (delete it from sift.model.cache-dir), or set "
						+ "sift.model.sha256 to its checksum if it was replaced on purpose");
	}

	private static Finding nativeLibrary(OffloadReport report, LlamaCppProperties properties) {
		Path dir = properties.nativeLibraryDir();
		String library = dir == null ? "bundled in the java-llama.cpp jar"
				: dir.resolve(System.mapLibraryName("jllama")).toAbsolutePath().toString();
		if (!report.loaded()) {
			return Finding.fail("native library", library + ": " + report.failure(), dir == null
					? "check that the JVM may load native libraries from its temp directory"
					: "point sift.model.native-library-dir at the directory of a working libjllama.so build ("
							+ GPU_HOW_TO + ")");
		}
		return Finding.pass("native library", library + ", llama.cpp " + report.build() + ", backends "
				+ String.join(", ", report.backends()) + (report.hasGpuBackend() ? " (GPU support)" : " (CPU only)"));
	}

	private static Finding gpuOffload(OffloadReport report, LlamaCppProperties properties) {
		GpuLayers requested = properties.gpuLayers();
		String value = report.offloadSummary() + " (sift.model.gpu-layers=" + requested + ")";
		if (!report.loaded()) {
			return Finding.fail("GPU offload", "unknown: the model did not load", "fix the native library first");
		}
		if (requested.count() > 0 && !report.offloads()) {
			return Finding.warn("GPU offload", value + "; llama.cpp: "
					+ (report.gpuUsable() ? "offloaded none" : "no usable GPU found"),
					"point sift.model.native-library-dir at a GPU build and check the driver (" + GPU_HOW_TO
							+ "), or set sift.model.gpu-layers=0 or auto");
		}
		return Finding.pass("GPU offload", value);
	}

	private static boolean hasText(String text) {
		return text != null && !text.isBlank();
	}

}
