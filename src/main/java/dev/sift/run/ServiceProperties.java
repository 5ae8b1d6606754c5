package dev.sift.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How Sift runs jobs as a service, bound from {@code sift.service.*}.
 *
 * @param maxConcurrentRuns runs (of different jobs) under way at once; a start beyond that is refused, so the API
 * never queues work it cannot do
 * @param shutdownTimeout how long a stop signal waits for running jobs to commit their chunk and stop; they are
 * then restartable
 * @param inputDirs directories an input file given to a run must lie in (after resolving links)
 */
@Validated
@ConfigurationProperties("sift.service")
public record ServiceProperties(@DefaultValue("2") @Min(1) int maxConcurrentRuns,
		@DefaultValue("60s") Duration shutdownTimeout,
		@DefaultValue("jobs/samples,data/inbox") List<Path> inputDirs) {

	public ServiceProperties {
		inputDirs = List.copyOf(inputDirs);
	}

}
