package dev.sift.model;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code model} health component: which model is loaded and how it is laid out. Always UP once the application
 * runs: the model loads at start-up or the application does not start, and llama.cpp failures after that end the
 * JVM rather than leave a broken model behind, so there is nothing to probe that could report DOWN.
 */
class ModelHealthIndicator implements HealthIndicator {

	private final LlamaCppChatModel model;

	private final ModelFile file;

	private final LlamaCppProperties properties;

	ModelHealthIndicator(LlamaCppChatModel model, ModelFile file, LlamaCppProperties properties) {
		this.model = model;
		this.file = file;
		this.properties = properties;
	}

	@Override
	public Health health() {
		return Health.up()
			.withDetail("name", this.model.getModelName())
			.withDetail("file", this.file.path().toAbsolutePath().toString())
			.withDetail("loaded", true)
			.withDetail("instances", this.model.instanceCount())
			.withDetail("parallelSlots", this.properties.parallel())
			.withDetail("slotContext", this.properties.slotContext())
			.withDetail("contextSize", this.properties.contextSize())
			.withDetail("gpuLayers", this.properties.gpuLayers().toString())
			.build();
	}

}
