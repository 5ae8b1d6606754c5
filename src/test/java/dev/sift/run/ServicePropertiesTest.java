package dev.sift.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import dev.sift.testing.StartupFailures;

class ServicePropertiesTest {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class);

	@Test
	void defaultsRunTwoJobsAtOnceFromTheSampleAndInboxDirectories() {
		this.contextRunner.run(context -> assertThat(context.getBean(ServiceProperties.class)).isEqualTo(
				new ServiceProperties(2, Duration.ofSeconds(60), java.util.List.of(Path.of("jobs/samples"),
						Path.of("data/inbox")))));
	}

	@Test
	void noConcurrentRunsFailStartUpNamingThePropertyAndTheBound() {
		this.contextRunner.withPropertyValues("sift.service.max-concurrent-runs=0")
			.run(context -> assertThat(StartupFailures.describe(context.getStartupFailure())).contains(
					"Property: sift.service.maxConcurrentRuns", "Value: \"0\"",
					"Origin: \"sift.service.max-concurrent-runs\" from property source \"test\"",
					"Reason: must be greater than or equal to 1"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ServiceProperties.class)
	static class Properties {

	}

}
