package dev.sift.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import dev.sift.testing.StartupFailures;

class BenchPropertiesTest {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class);

	@Test
	void asManyRoundsAsRecordsAreAllowed() {
		this.contextRunner.withPropertyValues("sift.bench.records=3", "sift.bench.rounds=3")
			.run(context -> assertThat(context.getBean(BenchProperties.class).rounds()).isEqualTo(3));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			sift.bench.records=0 | sift.bench.records | 0  | must be greater than or equal to 1
			sift.bench.rounds=0  | sift.bench.rounds  | 0  | must be greater than or equal to 1
			sift.bench.job=      | sift.bench.job     | '' | must not be blank
			""")
	void propertyOutOfBoundsFailsStartUpNamingItsOriginAndTheBound(String setting, String property, String value,
			String bound) {
		this.contextRunner.withPropertyValues(setting)
			.run(context -> assertThat(StartupFailures.describe(context.getStartupFailure())).contains(
					"Property: " + property, "Value: \"" + value + "\"",
					"Origin: \"" + property + "\" from property source \"test\"", "Reason: " + bound)
				.doesNotContain("each round needs a record"));
	}

	@Test
	void moreRoundsThanRecordsFailStartUpNamingBothProperties() {
		this.contextRunner.withPropertyValues("sift.bench.records=3", "sift.bench.rounds=4")
			.run(context -> assertThat(StartupFailures.describe(context.getStartupFailure()))
				.contains("Reason: sift.bench.rounds must not exceed sift.bench.records: each round needs a record"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(BenchProperties.class)
	static class Properties {

	}

}
