package dev.sift.model;

import java.net.URI;
import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the in-process llama.cpp model, bound from {@code sift.model.*}.
 *
 * @param path a local GGUF file; when set, nothing is downloaded
 * @param url where to download the model from when {@code path} is not set
 * @param sha256 expected SHA-256 of the downloaded file; defaults to the published checksum of the default URL
 * @param cacheDir where downloaded models are kept
 * @param nativeLibraryDir a directory holding a {@code libjllama.so} build of your own (e.g. CUDA); default: the
 * CPU library inside the java-llama.cpp jar
 * @param contextSize context window shared by all slots (each slot gets {@code contextSize / parallel})
 * @param parallel parallel slots of each instance: how many requests llama.cpp decodes together in one batch
 * @param instances model instances loaded from the file, each with its own slots and native loop (more than one
 * pays off on a GPU, where one loop saturates first)
 * @param threads CPU threads for decoding, per instance; 0 means one per available processor
 * @param batchSize logical batch size for prompt evaluation
 * @param gpuLayers layers offloaded to the GPU (needs a GPU build in {@code nativeLibraryDir}); 99 offloads all
 * @param flashAttention use flash attention (GPU builds)
 * @param nativeLog let llama.cpp print its own log (every request and slot event) to standard output
 * @param nativeLogFile also write llama.cpp's log to this file (turns the log on); the benchmark reads its token counts
 * @param cachePrompt let each slot reuse the evaluated prefix its previous prompt shares with the next one
 * @param options default generation options, overridable per request
 */
@ConfigurationProperties("sift.model")
public record LlamaCppProperties(Path path, @DefaultValue(DefaultModel.URL) URI url, String sha256, Path cacheDir,
		Path nativeLibraryDir, @DefaultValue("2048") int contextSize, @DefaultValue("1") int parallel,
		@DefaultValue("1") int instances,
		@DefaultValue("0") int threads, @DefaultValue("512") int batchSize, @DefaultValue("0") int gpuLayers,
		@DefaultValue("false") boolean flashAttention, @DefaultValue("false") boolean nativeLog, Path nativeLogFile,
		@DefaultValue("true") boolean cachePrompt,
		@DefaultValue Options options) {

	public LlamaCppProperties {
		if (cacheDir == null) {
			cacheDir = Path.of(System.getProperty("user.home"), ".cache", "sift", "models");
		}
		requireAtLeast("sift.model.context-size", contextSize, 64);
		requireAtLeast("sift.model.parallel", parallel, 1);
		requireAtMost("sift.model.parallel", parallel, 256);
		requireAtLeast("sift.model.instances", instances, 1);
		requireAtMost("sift.model.instances", instances, 64);
		requireAtLeast("sift.model.threads", threads, 0);
		requireAtLeast("sift.model.batch-size", batchSize, 1);
		requireAtLeast("sift.model.gpu-layers", gpuLayers, 0);
		if (contextSize / parallel < 64) {
			throw new IllegalArgumentException("sift.model.context-size (" + contextSize + ") divided by sift.model.parallel ("
					+ parallel + ") leaves fewer than 64 tokens per slot: raise the context size or lower the slots");
		}
	}

	/** The same settings with another engine layout, e.g. the naive configuration a benchmark compares with. */
	public LlamaCppProperties withEngine(int contextSize, int parallel, int instances, boolean cachePrompt) {
		return new LlamaCppProperties(path, url, sha256, cacheDir, nativeLibraryDir, contextSize, parallel, instances,
				threads, batchSize, gpuLayers, flashAttention, nativeLog, nativeLogFile, cachePrompt, options);
	}

	/** Context tokens each slot gets: llama.cpp splits the context evenly between slots. */
	public int slotContextSize() {
		return contextSize / parallel;
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

	// Whole numbers, so that messages read "at least 1, was 0" rather than "at least 1.0, was 0.0".
	static void requireAtLeast(String property, long value, long minimum) {
		if (value < minimum) {
			throw new IllegalArgumentException(property + " must be at least " + minimum + ", was " + value);
		}
	}

	static void requireAtMost(String property, long value, long maximum) {
		if (value > maximum) {
			throw new IllegalArgumentException(property + " must be at most " + maximum + ", was " + value);
		}
	}

	/**
	 * Default generation options.
	 *
	 * @param temperature sampling temperature; 0 picks the most likely token (repeatable classification)
	 * @param topK sample among the k most likely tokens (0 = all)
	 * @param topP nucleus sampling threshold
	 * @param maxTokens upper bound of generated tokens per request (always bounded)
	 * @param seed sampling seed, so runs are repeatable
	 */
	public record Options(@DefaultValue("0.0") double temperature, @DefaultValue("40") int topK,
			@DefaultValue("0.95") double topP, @DefaultValue("256") int maxTokens, @DefaultValue("42") int seed) {

		public Options {
			requireAtLeast("sift.model.options.max-tokens", maxTokens, 1);
			requireAtLeast("sift.model.options.top-k", topK, 0);
			requireAtLeast("sift.model.options.seed", seed, 0);
			// The ranges GenerationSettings enforces per request: checked here too, so that a bad default fails
			// start-up instead of every request.
			requireWithin("sift.model.options.temperature", temperature, 0, 2);
			requireWithin("sift.model.options.top-p", topP, 0, 1);
		}

		private static void requireWithin(String property, double value, double minimum, double maximum) {
			if (!(value >= minimum && value <= maximum)) {
				throw new IllegalArgumentException(
						property + " must be between " + minimum + " and " + maximum + ", was " + value);
			}
		}

	}

}
