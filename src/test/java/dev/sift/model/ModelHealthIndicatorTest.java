package dev.sift.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.sift.testing.TestModels;

/** On the shared tiny model, handed to the auto-configuration as a bean so no second model is loaded. */
class ModelHealthIndicatorTest {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlamaCppAutoConfiguration.class))
		.withBean(LlamaCppChatModel.class, TinyChatModel::chatModel)
		.withBean(ModelFile.class, () -> new ModelFile(TestModels.tiny()))
		.withPropertyValues("sift.model.parallel=2", "sift.model.slot-context=1024", "sift.model.gpu-layers=0");

	@Test
	void modelComponentIsUpWithTheModelsLayout() {
		this.contextRunner.run(context -> {
			Health health = context.getBean("modelHealthIndicator", HealthIndicator.class).health();

			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("name", TinyChatModel.NAME)
				.containsEntry("file", TestModels.tiny().toAbsolutePath().toString())
				.containsEntry("loaded", true)
				.containsEntry("instances", 1)
				.containsEntry("parallelSlots", 2)
				.containsEntry("slotContext", 1024)
				.containsEntry("contextSize", 2048)
				.containsEntry("gpuLayers", "0");
		});
	}

	@Test
	void modelComponentCanBeSwitchedOff() {
		this.contextRunner.withPropertyValues("management.health.model.enabled=false")
			.run(context -> assertThat(context).doesNotHaveBean("modelHealthIndicator"));
	}

}
