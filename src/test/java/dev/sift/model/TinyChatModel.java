package dev.sift.model;

import java.util.Map;

import de.kherud.llama.LlamaModel;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.sift.testing.TestModels;

/**
 * The generated tiny model, loaded once per test JVM and shared by the tests that run inference: llama.cpp models
 * must never be closed (a closed model hangs its callers), and every load costs time. Chat models over it are cheap
 * wrappers, so each test may build its own.
 */
final class TinyChatModel {

	static final int CONTEXT_SIZE = 2048;

	static final int PARALLEL = 2;

	static final int SLOT_CONTEXT_SIZE = CONTEXT_SIZE / PARALLEL;

	static final String NAME = "tiny-llama-f16";

	private static LlamaModel model;

	private TinyChatModel() {
	}

	static synchronized LlamaModel llama() {
		if (model == null) {
			model = LlamaModelLoader.load(TestModels.tiny(), properties());
		}
		return model;
	}

	/** Greedy sampling by default, so replies repeat from run to run. */
	static LlamaCppChatModel chatModel() {
		return chatModel(ObservationRegistry.NOOP);
	}

	static LlamaCppChatModel chatModel(ObservationRegistry observationRegistry) {
		LlamaCppChatOptions defaults = LlamaCppChatOptions.builder().temperature(0.0).seed(42).maxTokens(256).build();
		return LlamaCppChatModel.builder()
			.model(llama())
			.modelName(NAME)
			.contextSize(CONTEXT_SIZE)
			.parallel(PARALLEL)
			.options(defaults)
			.observationRegistry(observationRegistry)
			.build();
	}

	private static LlamaCppProperties properties() {
		var source = new MapConfigurationPropertySource(Map.of("sift.model.slot-context", SLOT_CONTEXT_SIZE,
				"sift.model.parallel", PARALLEL));
		return new Binder(source).bindOrCreate("sift.model", LlamaCppProperties.class);
	}

}
