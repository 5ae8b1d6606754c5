package dev.sift.schedule;

import java.sql.Timestamp;
import java.time.Clock;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import dev.sift.job.SpecJobs;
import dev.sift.run.RunService;

/**
 * Schedules run only in the long-running service: a one-shot command must not start (or catch up) nights.
 * {@code sift.schedule.enabled=false} turns them off, for example on all but one of several Sift instances.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "sift.schedule.enabled", matchIfMissing = true)
public class ScheduleConfiguration {

	/** The thread scheduled runs are started from; their runs go on in the run service's threads. */
	@Bean
	ThreadPoolTaskScheduler siftScheduler(ThreadPoolTaskSchedulerBuilder builder, Clock clock) {
		ThreadPoolTaskScheduler scheduler = builder.threadNamePrefix("sift-schedule-").build();
		scheduler.setClock(clock);
		return scheduler;
	}

	/** Flyway's first migration marks when Sift first started on this database. */
	@Bean
	NightlyScheduler nightlyScheduler(SpecJobs jobs, RunService runs, JobRepository jobRepository, Clock clock,
			JdbcTemplate jdbc, ThreadPoolTaskScheduler siftScheduler) {
		Timestamp installed = jdbc.queryForObject("SELECT min(installed_on) FROM flyway_schema_history",
				Timestamp.class);
		return new NightlyScheduler(jobs, runs, jobRepository, siftScheduler, clock,
				installed == null ? clock.instant() : installed.toInstant());
	}

}
