package dev.sift.worker;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

import dev.sift.job.PartitionedRun;
import dev.sift.job.Partitioning;
import dev.sift.job.SpecJobs;

/**
 * Spring Batch Integration's remote partitioning: the manager step sends one request per partition to the channel
 * and polls the job repository until every partition has ended, while {@link ManagerWatch} hands a lost worker's
 * partition to another one and logs the run's progress.
 */
@Component
class RemotePartitioning implements Partitioning {

	private final JobRepository jobRepository;

	private final QueueChannel requests;

	private final WorkerProperties properties;

	private final Handovers handovers;

	private final JdbcTemplate jdbc;

	private final ThreadPoolTaskScheduler scheduler;

	private final ObservationRegistry observationRegistry;

	RemotePartitioning(JobRepository jobRepository, @Qualifier(PartitionChannel.REQUESTS) QueueChannel requests,
			WorkerProperties properties, Handovers handovers, JdbcTemplate jdbc,
			@Qualifier(PartitionChannel.SCHEDULER) ThreadPoolTaskScheduler scheduler,
			ObservationRegistry observationRegistry) {
		this.jobRepository = jobRepository;
		this.requests = requests;
		this.properties = properties;
		this.handovers = handovers;
		this.jdbc = jdbc;
		this.scheduler = scheduler;
		this.observationRegistry = observationRegistry;
	}

	@Override
	public Step managerStep(PartitionedRun run) {
		return new RemotePartitioningManagerStepBuilder(SpecJobs.PROCESS_STEP, this.jobRepository)
			.partitioner(SpecJobs.PROCESS_STEP, run)
			.splitter(run.splitter())
			.aggregator(run.aggregator())
			.gridSize(run.partitions())
			.outputChannel(this.requests)
			.pollInterval(this.properties.pollInterval().toMillis())
			.listener(run)
			.listener(new ManagerWatch(this.handovers, this.jdbc, this.jobRepository, this.scheduler,
					this.properties))
			.observationRegistry(this.observationRegistry)
			.build();
	}

}
