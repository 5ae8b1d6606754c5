package dev.sift.run;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The settings of running jobs as a service, and the threads runs go on in. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServiceProperties.class)
class RunConfiguration {

	static final String RUN_EXECUTOR = "siftRunExecutor";

	/**
	 * One thread per run under way, and no queue: a start beyond {@code sift.service.max-concurrent-runs} is refused
	 * rather than left waiting. It takes no new run once the application is closing.
	 */
	@Bean(RUN_EXECUTOR)
	ThreadPoolTaskExecutor siftRunExecutor(ThreadPoolTaskExecutorBuilder builder, ServiceProperties properties) {
		return builder.threadNamePrefix("sift-run-")
			.corePoolSize(properties.maxConcurrentRuns())
			.maxPoolSize(properties.maxConcurrentRuns())
			.queueCapacity(0)
			.build();
	}

}
