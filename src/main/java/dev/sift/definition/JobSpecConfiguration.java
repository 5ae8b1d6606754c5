package dev.sift.definition;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the job specs at start-up, so Sift refuses to start with an invalid spec rather than fail mid-run. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JobsProperties.class)
class JobSpecConfiguration {

	@Bean
	JobSpecs jobSpecs(JobsProperties properties) {
		return JobSpecs.load(properties.dir());
	}

}
