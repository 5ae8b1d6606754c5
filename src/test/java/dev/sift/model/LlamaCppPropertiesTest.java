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

	/** Each {@code sift.model.} property; Boot names it by its field, and a nested one by its path of fields. */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			parallel=0               | parallel            | 0    | must be greater than or equal to 1
			parallel=257             | parallel            | 257  | must be less than or equal to 256
			slot-context=16          | slotContext         | 16   | must be greater than or equal to 64
			instances=-1             | instances           | -1   | must be greater than or equal to 0
			instances=65             | instances           | 65   | must be less than or equal to 64
			threads=-1               | threads             | -1   | must be greater than or equal to 0
			batch-size=0             | batchSize           | 0    | must be greater than or equal to 1
			options.temperature=5    | options.temperature | 5.0  | must be less than or equal to 2.0
			options.temperature=-0.1 | options.temperature | -0.1 | must be greater than or equal to 0.0
			options.top-p=1.5        | options.topP        | 1.5  | must be less than or equal to 1.0
			options.top-p=-1         | options.topP        | -1.0 | must be greater than or equal to 0.0
			options.top-k=-1         | options.topK        | -1   | must be greater than or equal to 0
			options.max-tokens=0     | options.maxTokens   | 0    | must be greater than or equal to 1
			options.seed=-1          | options.seed        | -1   | must be greater than or equal to 0
			""")
	void propertyOutOfBoundsFailsStartUpNamingItAndTheBound(String setting, String property, String value,
			String bound) {
		this.contextRunner.withPropertyValues("sift.model." + setting).run(context -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailures.describe(context.getStartupFailure()))
				.contains("Property: sift.model." + property + "\n    Value: \"" + value + "\"")
				.contains("Reason: " + bound);
		});
	}

	@Test
	void failureSaysWhereTheValueCameFrom() {
		this.contextRunner.withPropertyValues("sift.model.slot-context=16").run(context -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailures.describe(context.getStartupFailure()))
				.contains("Origin: \"sift.model.slot-context\" from property source \"test\"");
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
	void defaultsAreWithinTheBounds() {
		this.contextRunner.run(context -> assertThat(context).hasNotFailed().hasSingleBean(LlamaCppProperties.class));
	}

	@Test
	void eachSlotHasTheConfiguredContextSoAnInstanceHoldsSlotsTimesThat() {
		this.contextRunner.withPropertyValues("sift.model.slot-context=64", "sift.model.parallel=8")
			.run(context -> assertThat(context.getBean(LlamaCppProperties.class).contextSize()).isEqualTo(512));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			auto | -1
			AUTO | -1
			0    | 0
			23   | 23
			""")
	void gpuLayersAreAutoOrAWholeNumberOfZeroOrMore(String value, int count) {
		this.contextRunner.withPropertyValues("sift.model.gpu-layers=" + value)
			.run(context -> assertThat(context.getBean(LlamaCppProperties.class).gpuLayers().count()).isEqualTo(count));
	}

	@Test
	void zeroInstancesAreOnePerProcessorThatTheThreadsPerInstanceLeave() {
		int processors = Runtime.getRuntime().availableProcessors();
		this.contextRunner.withPropertyValues("sift.model.instances=0", "sift.model.threads=1")
			.run(context -> assertThat(context.getBean(LlamaCppProperties.class).effectiveInstances())
				.isEqualTo(Math.min(64, processors)));
		this.contextRunner.withPropertyValues("sift.model.instances=0", "sift.model.threads=" + (processors + 1))
			.run(context -> assertThat(context.getBean(LlamaCppProperties.class).effectiveInstances()).isEqualTo(1));
	}

	@Test
	void gpuLayersDefaultToAuto() {
		this.contextRunner
			.run(context -> assertThat(context.getBean(LlamaCppProperties.class).gpuLayers()).isEqualTo(GpuLayers.AUTO));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(textBlock = """
			-1
			all
			2.5
			""")
	void anyOtherGpuLayersValueFailsStartUpNamingThePropertyAndWhatItAccepts(String value) {
		this.contextRunner.withPropertyValues("sift.model.gpu-layers=" + value).run(context -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailures.describe(context.getStartupFailure()))
				.contains("Property: sift.model.gpu-layers\n    Value: \"" + value + "\"")
				.contains("sift.model.gpu-layers must be auto or a whole number of 0 or more");
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(LlamaCppProperties.class)
	static class Properties {

	}

}
