package dev.sift.model;

/** Loads models from settings: the one way the application and the benchmark load them. */
public final class LlamaCppModels {

	private LlamaCppModels() {
	}

	/**
	 * Loads {@code sift.model.instances} instances of the file, which stay loaded for the life of the process, and
	 * returns a builder of a chat model over them with the configured slots and default options; the caller adds how
	 * it is observed and builds it.
	 */
	public static LlamaCppChatModel.Builder load(ModelFile modelFile, LlamaCppProperties properties) {
		LlamaCppProperties.Options options = properties.options();
		LlamaCppChatOptions defaults = LlamaCppChatOptions.builder()
			.temperature(options.temperature())
			.topK(options.topK())
			.topP(options.topP())
			.maxTokens(options.maxTokens())
			.seed(options.seed())
			.build();
		return LlamaCppChatModel.builder()
			.models(LlamaModelLoader.loadInstances(modelFile.path(), properties))
			.modelName(modelFile.name())
			.contextSize(properties.contextSize())
			.parallel(properties.parallel())
			.cachePrompt(properties.cachePrompt())
			.options(defaults);
	}

}
