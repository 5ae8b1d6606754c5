package dev.sift.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import dev.sift.testing.StartupFailures;

class RunPropertiesTest {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class);

	@Test
	void chunksHoldSixteenRecordsPerSlotUnlessConfigured() {
		assertThat(new RunProperties(0, 2).chunkSizeFor(2)).isEqualTo(32);
		assertThat(new RunProperties(10, 2).chunkSizeFor(2)).isEqualTo(10);
		assertThat(new RunProperties(1, 2).chunkSizeFor(4)).as("at least one record per slot").isEqualTo(4);
	}

	@Test
	void automaticChunksAndOneAttemptAreWithinTheBounds() {
		this.contextRunner.withPropertyValues("sift.run.chunk-size=0", "sift.run.max-attempts=1")
			.run(context -> assertThat(context.getBean(RunProperties.class)).isEqualTo(new RunProperties(0, 1)));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			chunk-size   | -1 | chunkSize   | must be greater than or equal to 0
			max-attempts | 0  | maxAttempts | must be greater than or equal to 1
			""")
	void propertyOutOfBoundsFailsStartUpNamingItsOriginAndTheBound(String configured, String value, String property,
			String bound) {
		this.contextRunner.withPropertyValues("sift.run." + configured + "=" + value)
			.run(context -> assertThat(StartupFailures.describe(context.getStartupFailure())).contains(
					"Property: sift.run." + property, "Value: \"" + value + "\"",
					"Origin: \"sift.run." + configured + "\" from property source \"test\"", "Reason: " + bound));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(RunProperties.class)
	static class Properties {

	}

}
