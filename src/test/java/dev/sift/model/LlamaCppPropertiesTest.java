package dev.sift.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import dev.sift.testing.StartupFailures;

/** The bounds of {@code sift.model.*}, checked by Bean Validation when the properties are bound. */
class LlamaCppPropertiesTest {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class);

	/** Boot names a property by its field, and a nested one by its path of fields. */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			sift.model.parallel=0               | sift.model.parallel               | 0    | must be greater than or equal to 1
			sift.model.parallel=257             | sift.model.parallel               | 257  | must be less than or equal to 256
			sift.model.context-size=16          | sift.model.contextSize            | 16   | must be greater than or equal to 64
			sift.model.instances=0              | sift.model.instances              | 0    | must be greater than or equal to 1
			sift.model.instances=65             | sift.model.instances              | 65   | must be less than or equal to 64
			sift.model.threads=-1               | sift.model.threads                | -1   | must be greater than or equal to 0
			sift.model.batch-size=0             | sift.model.batchSize              | 0    | must be greater than or equal to 1
			sift.model.gpu-layers=-1            | sift.model.gpuLayers              | -1   | must be greater than or equal to 0
			sift.model.options.temperature=5    | sift.model.options.temperature    | 5.0  | must be less than or equal to 2.0
			sift.model.options.temperature=-0.1 | sift.model.options.temperature    | -0.1 | must be greater than or equal to 0.0
			sift.model.options.top-p=1.5        | sift.model.options.topP           | 1.5  | must be less than or equal to 1.0
			sift.model.options.top-p=-1         | sift.model.options.topP           | -1.0 | must be greater than or equal to 0.0
			sift.model.options.top-k=-1         | sift.model.options.topK           | -1   | must be greater than or equal to 0
			sift.model.options.max-tokens=0     | sift.model.options.maxTokens      | 0    | must be greater than or equal to 1
			sift.model.options.seed=-1          | sift.model.options.seed           | -1   | must be greater than or equal to 0
			""")
	void propertyOutOfBoundsFailsStartUpNamingItAndTheBound(String setting, String property, String value,
			String bound) {
		this.contextRunner.withPropertyValues(setting).run(context -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailures.describe(context.getStartupFailure()))
				.contains("Property: " + property + "\n    Value: \"" + value + "\"")
				.contains("Reason: " + bound)
				.doesNotContain("tokens per slot");
		});
	}

	@Test
	void failureSaysWhereTheValueCameFrom() {
		this.contextRunner.withPropertyValues("sift.model.context-size=16").run(context -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailures.describe(context.getStartupFailure()))
				.contains("Origin: \"sift.model.context-size\" from property source \"test\"");
		});
	}

	@Test
	void notANumberIsNoTemperature() {
		this.contextRunner.withPropertyValues("sift.model.options.temperature=NaN").run(context -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailures.describe(context.getStartupFailure()))
				.contains("Property: sift.model.options.temperature");
		});
	}

	@Test
	void tooFewContextTokensPerSlotFailStartUpNamingBothProperties() {
		this.contextRunner.withPropertyValues("sift.model.context-size=256", "sift.model.parallel=8").run(context -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailures.describe(context.getStartupFailure())).contains(
					"Reason: sift.model.context-size divided by sift.model.parallel leaves fewer than 64 tokens per slot");
		});
	}

	@Test
	void defaultsAreWithinTheBounds() {
		this.contextRunner.run(context -> assertThat(context).hasNotFailed().hasSingleBean(LlamaCppProperties.class));
	}

	@Test
	void contextOfExactlySixtyFourTokensPerSlotIsEnough() {
		this.contextRunner.withPropertyValues("sift.model.context-size=512", "sift.model.parallel=8")
			.run(context -> assertThat(context.getBean(LlamaCppProperties.class).slotContextSize()).isEqualTo(64));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(LlamaCppProperties.class)
	static class Properties {

	}

}
