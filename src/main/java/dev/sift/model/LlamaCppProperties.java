package dev.sift.model;

import java.net.URI;
import java.nio.file.Path;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the in-process llama.cpp model, bound from {@code sift.model.*}.
 *
 * @param path a local GGUF file; when set, nothing is downloaded
 * @param url where to download the model from when {@code path} is not set
 * @param sha256 expected SHA-256 of the downloaded file; defaults to the published checksum of the default URL
 * @param cacheDir where downloaded models are kept
 * @param nativeLibraryDir a directory holding a {@code libjllama.so} build of your own (e.g. CUDA); default: the
 * CPU library inside the java-llama.cpp jar
 * @param slotContext context tokens of each slot: a request's prompt and reply together; each instance holds
 * {@code slotContext × parallel} context tokens
 * @param parallel parallel slots of each instance: how many requests llama.cpp decodes together in one batch
 * @param instances model instances loaded from the file, each with its own slots and native loop (more than one
 * pays off on a GPU, where one loop saturates first, and each instance samples on one CPU thread); 0 means one per
 * available processor divided by {@code threads}
 * @param threads CPU threads for decoding, per instance; 0 means one per available processor
 * @param batchSize logical batch size for prompt evaluation
 * @param gpuLayers layers offloaded to the GPU (needs a GPU build in {@code nativeLibraryDir}); {@code auto} offloads
 * all of them when the native library can, none otherwise
 * @param flashAttention use flash attention (GPU builds)
 * @param nativeLog let llama.cpp print its own log (every request and slot event) to standard output
 * @param nativeLogFile also write llama.cpp's log to this file (turns the log on); the benchmark reads its token counts
 * @param cachePrompt let each slot reuse the evaluated prefix its previous prompt shares with the next one
 * @param options default generation options, overridable per request
 */
@Validated
@ConfigurationProperties("sift.model")
public record LlamaCppProperties(Path path, @DefaultValue(DefaultModel.URL) URI url, String sha256, Path cacheDir,
		Path nativeLibraryDir, @DefaultValue("2048") @Min(MIN_SLOT_CONTEXT_SIZE) int slotContext,
		@DefaultValue("1") @Min(1) @Max(MAX_PARALLEL) int parallel,
		@DefaultValue("1") @Min(0) @Max(MAX_INSTANCES) int instances,
		@DefaultValue("0") @PositiveOrZero int threads, @DefaultValue("512") @Min(1) int batchSize,
		@DefaultValue("auto") GpuLayers gpuLayers, @DefaultValue("false") boolean flashAttention,
		@DefaultValue("false") boolean nativeLog, Path nativeLogFile, @DefaultValue("true") boolean cachePrompt,
		@DefaultValue @Valid Options options) {

	/** Fewer tokens than this per slot hold no useful prompt and reply. */
	static final int MIN_SLOT_CONTEXT_SIZE = 64;

	static final int MAX_PARALLEL = 256;

	static final int MAX_INSTANCES = 64;

	public LlamaCppProperties {
		if (cacheDir == null) {
			cacheDir = Path.of(System.getProperty("user.home"), ".cache", "sift", "models");
		}
		if (gpuLayers == null) {
			gpuLayers = GpuLayers.AUTO;
		}
	}

	/** The same settings with another engine layout, e.g. the naive configuration a benchmark compares with. */
	public LlamaCppProperties withEngine(int slotContext, int parallel, int instances, boolean cachePrompt) {
		return new LlamaCppProperties(path, url, sha256, cacheDir, nativeLibraryDir, slotContext, parallel, instances,
				threads, batchSize, gpuLayers, flashAttention, nativeLog, nativeLogFile, cachePrompt, options);
	}

	/** Context tokens of each instance, which llama.cpp splits evenly between its slots. */
	public int contextSize() {
		return slotContext * parallel;
	}

	/** The instances to load: with 0, as many as the processors give threads to (1 to 64). */
	public int effectiveInstances() {
		return instances > 0 ? instances
				: Math.max(1, Math.min(MAX_INSTANCES, Runtime.getRuntime().availableProcessors() / effectiveThreads()));
	}

	public int effectiveThreads() {
		return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
	}

	/** The configured checksum, or the published one when a known TinyLlama URL is used. */
	public String effectiveSha256() {
		if (sha256 != null && !sha256.isBlank()) {
			return sha256;
		}
		return switch (url.toString()) {
			case DefaultModel.URL -> DefaultModel.SHA256;
			case DefaultModel.Q4_K_M_URL -> DefaultModel.Q4_K_M_SHA256;
			default -> null;
		};
	}

	ModelSource source() {
		return new ModelSource(path, url, effectiveSha256(), cacheDir);
	}

	/**
	 * Default generation options. Their bounds are those each request is checked against, so that a bad default
	 * fails start-up instead of every request.
	 *
	 * @param temperature sampling temperature; 0 picks the most likely token (repeatable classification)
	 * @param topK sample among the k most likely tokens (0 = all)
	 * @param topP nucleus sampling threshold
	 * @param maxTokens upper bound of generated tokens per request (always bounded)
	 * @param seed sampling seed, so runs are repeatable
	 */
	public record Options(@DefaultValue("0.0") @DecimalMin("0.0") @DecimalMax("2.0") double temperature,
			@DefaultValue("40") @PositiveOrZero int topK,
			@DefaultValue("0.95") @DecimalMin("0.0") @DecimalMax("1.0") double topP,
			@DefaultValue("256") @Min(1) int maxTokens, @DefaultValue("42") @PositiveOrZero int seed) {
	}

}
