package dev.sift.worker;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.TaskScheduler;

import dev.sift.job.Progress;

/**
 * Watches a partitioned run from its manager while the partitions are out, every heartbeat interval (at most 5 s):
 * hands the partition of a lost worker to another one ({@link Handovers}), ends the partitions no worker has taken yet once the run is being stopped (no
 * worker would ever report them), and logs the run's progress, or that no worker is up to take its partitions.
 */
final class ManagerWatch implements StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(ManagerWatch.class);

	private static final Duration LOG_INTERVAL = Duration.ofSeconds(5);

	private static final Duration NO_WORKER_INTERVAL = Duration.ofSeconds(60);

	private static final String PROGRESS = """
			SELECT p.records_total, p.read_before, p.read_count, p.started_at, e.status AS run_status,
			    count(s.step_execution_id) AS partitions,
			    count(s.step_execution_id) FILTER (WHERE s.status = 'COMPLETED') AS done,
			    count(s.step_execution_id) FILTER (WHERE s.status IN ('STARTED', 'STOPPING')) AS running,
			    (SELECT count(*) FROM sift_worker w
			        WHERE w.state = 'up' AND w.heartbeat_at >= now() - make_interval(secs => ?)) AS workers
			FROM run_progress p
			JOIN batch_job_execution e ON e.job_execution_id = p.job_execution_id
			LEFT JOIN run_partition r ON r.job_execution_id = p.job_execution_id
			LEFT JOIN batch_step_execution s ON s.step_execution_id = r.step_execution_id
			WHERE p.job_execution_id = ?
			GROUP BY p.records_total, p.read_before, p.read_count, p.started_at, e.status
			""";

	/** Partitions no worker has taken: still STARTING, with no attempt. */
	private static final String WAITING = """
			SELECT r.step_execution_id FROM run_partition r
			JOIN batch_step_execution s ON s.step_execution_id = r.step_execution_id
			WHERE r.job_execution_id = ? AND s.status = 'STARTING'
			    AND NOT EXISTS (SELECT 1 FROM partition_attempt a WHERE a.step_execution_id = r.step_execution_id)
			""";

	private final Handovers handovers;

	private final JdbcTemplate jdbc;

	private final JobRepository jobRepository;

	private final TaskScheduler scheduler;

	private final WorkerProperties properties;

	private ScheduledFuture<?> watch;

	private long lastLogged;

	private long lastNoWorker;

	ManagerWatch(Handovers handovers, JdbcTemplate jdbc, JobRepository jobRepository, TaskScheduler scheduler,
			WorkerProperties properties) {
		this.handovers = handovers;
		this.jdbc = jdbc;
		this.jobRepository = jobRepository;
		this.scheduler = scheduler;
		this.properties = properties;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		long jobExecutionId = stepExecution.getJobExecutionId();
		this.lastLogged = System.nanoTime();
		this.lastNoWorker = System.nanoTime() - NO_WORKER_INTERVAL.toNanos() + LOG_INTERVAL.toNanos();
		Duration interval = this.properties.heartbeatInterval().compareTo(LOG_INTERVAL) < 0
				? this.properties.heartbeatInterval() : LOG_INTERVAL;
		this.watch = this.scheduler.scheduleWithFixedDelay(() -> check(jobExecutionId), interval);
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
		if (this.watch != null) {
			this.watch.cancel(false);
		}
		return null;
	}

	private void check(long jobExecutionId) {
		try {
			this.handovers.handOverLost(jobExecutionId);
			report(jobExecutionId);
		}
		catch (DataAccessException ex) {
			log.warn("Cannot check the partitions of run {}: {}", jobExecutionId,
					ex.getMostSpecificCause().getMessage());
		}
	}

	private void report(long jobExecutionId) {
		List<Long> waiting = List.of();
		long now = System.nanoTime();
		for (var row : this.jdbc.queryForList(PROGRESS, this.properties.lostAfter().toSeconds(), jobExecutionId)) {
			long partitions = ((Number) row.get("partitions")).longValue();
			long done = ((Number) row.get("done")).longValue();
			long running = ((Number) row.get("running")).longValue();
			long workers = ((Number) row.get("workers")).longValue();
			// Stopping (or already marked stopped by the operator): no worker takes a partition of it any more.
			Object runStatus = row.get("run_status");
			if (!BatchStatus.STARTED.name().equals(runStatus) && !BatchStatus.STARTING.name().equals(runStatus)) {
				waiting = this.jdbc.queryForList(WAITING, Long.class, jobExecutionId);
			}
			if (now - this.lastLogged >= LOG_INTERVAL.toNanos()) {
				this.lastLogged = now;
				Long total = row.get("records_total") == null ? null : ((Number) row.get("records_total")).longValue();
				Progress progress = Progress.of(((Number) row.get("read_before")).longValue(),
						((Number) row.get("read_count")).longValue(), total, Duration.between(
								((Timestamp) row.get("started_at")).toInstant(), Instant.now()));
				log.info(String.format("Progress: %d/%s records (%s) - partitions: %d done, %d running, %d waiting, "
						+ "of %d - workers up: %d - %s records/s", progress.done(), total == null ? "?" : total,
						progress.percent() == null ? "?" : String.format("%.0f%%", progress.percent()), done, running,
						partitions - done - running, partitions, workers,
						progress.recordsPerSecond() == null ? "0.00"
								: String.format("%.2f", progress.recordsPerSecond())));
			}
			if (workers == 0 && done < partitions && now - this.lastNoWorker >= NO_WORKER_INTERVAL.toNanos()) {
				this.lastNoWorker = now;
				log.warn("No worker is up to take the partitions of run {}. Start one with 'java -jar sift.jar "
						+ "worker' on a machine with the same database URL, the model and the input at the same path "
						+ "(or set sift.worker.enabled=true on a Sift service)", jobExecutionId);
			}
		}
		for (Long partition : waiting) {
			stopWaiting(partition);
		}
	}

	/** A partition nobody took, of a run being stopped: no worker will take it now, so it ends here. */
	private void stopWaiting(long stepExecutionId) {
		StepExecution partition = this.jobRepository.getStepExecution(stepExecutionId);
		if (partition == null || partition.getStatus() != BatchStatus.STARTING) {
			return;
		}
		partition.setStatus(BatchStatus.STOPPED);
		partition.setExitStatus(ExitStatus.STOPPED.addExitDescription("the run was stopped before a worker took it"));
		partition.setEndTime(LocalDateTime.now());
		this.jobRepository.update(partition);
	}

}
