package dev.sift.model;

import io.micrometer.observation.ObservationRegistry;

/** Builds a {@link LlamaCppChatModel} from settings: the one way the application and the benchmark load models. */
public final class LlamaCppModels {

	private LlamaCppModels() {
	}

	/** Loads {@code sift.model.instances} instances of the file; they stay loaded for the life of the process. */
	public static LlamaCppChatModel load(ModelFile modelFile, LlamaCppProperties properties,
			ObservationRegistry observationRegistry) {
		LlamaCppProperties.Options options = properties.options();
		LlamaCppChatOptions defaults = LlamaCppChatOptions.builder()
			.temperature(options.temperature())
			.topK(options.topK())
			.topP(options.topP())
			.maxTokens(options.maxTokens())
			.seed(options.seed())
			.build();
		return new LlamaCppChatModel(LlamaModelLoader.loadInstances(modelFile.path(), properties), modelFile.name(),
				properties.slotContextSize(), properties.cachePrompt(), defaults, observationRegistry);
	}

}
