package dev.sift.job;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.scheduling.TaskScheduler;

/**
 * Watches the database while a process step (or the manager step of a partitioned run) runs, asking it for a
 * connection every {@link #INTERVAL}. Once it does not answer, no further record goes to the model (its result could
 * not be stored) and the chunk fails, so the run ends within seconds instead of after every record of the chunk was
 * classified in vain. Committed chunks stay committed: the run resumes after the last of them when started again.
 */
final class DatabaseWatch implements StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(DatabaseWatch.class);

	static final Duration INTERVAL = Duration.ofSeconds(2);

	private final DataSource dataSource;

	private final TaskScheduler scheduler;

	private volatile @Nullable String lost;

	private volatile @Nullable ScheduledFuture<?> probe;

	private volatile String run = "";

	DatabaseWatch(DataSource dataSource, TaskScheduler scheduler) {
		this.dataSource = dataSource;
		this.scheduler = scheduler;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.lost = null;
		this.run = "run " + stepExecution.getJobExecutionId() + " of "
				+ stepExecution.getJobExecution().getJobInstance().getJobName();
		this.probe = this.scheduler.scheduleWithFixedDelay(this::probe, INTERVAL);
	}

	/**
	 * Asks the database once more when the step did not succeed, so a step that failed of a lost database before a
	 * probe noticed (a manager's poll, a chunk's commit) says so too.
	 */
	@Override
	public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
		ScheduledFuture<?> running = this.probe;
		if (running != null) {
			running.cancel(false);
		}
		if (this.lost == null && stepExecution.getStatus().isUnsuccessful()) {
			probe();
		}
		return null;
	}

	/**
	 * @throws DatabaseLostException once the database stopped answering
	 */
	void check() {
		String reason = this.lost;
		if (reason != null) {
			throw new DatabaseLostException(reason);
		}
	}

	private void probe() {
		if (this.lost != null) {
			return;
		}
		try (Connection connection = this.dataSource.getConnection()) {
			if (!connection.isValid((int) INTERVAL.toSeconds())) {
				lose("it does not answer");
			}
		}
		catch (SQLException | RuntimeException ex) {
			lose(ex.getMessage());
		}
	}

	private void lose(String cause) {
		this.lost = "Lost the database during " + this.run + " (" + cause + "); the records of the chunk under way "
				+ "are not stored. Start the job again once the database is back: it resumes after its last committed "
				+ "chunk";
		log.error(this.lost);
	}

}
