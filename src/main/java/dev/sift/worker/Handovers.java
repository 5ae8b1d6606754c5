package dev.sift.worker;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.sift.job.SpecJobs;

/**
 * Gives a partition whose worker is gone (lost: no heartbeat for {@code sift.worker.lost-after}; or stopped) to
 * another worker, in one transaction: the attempt ends with why, the partition's step execution is updated, and its
 * request goes back to the channel. The update changes the step execution's version, so should the old worker still
 * be alive (a long pause, a cut network), its next chunk cannot commit: Spring Batch's optimistic lock fails it and
 * its results roll back. The next worker resumes the same step execution after its last committed chunk, so every
 * record is stored once and the partition's counts go on from where they were.
 */
@Component
class Handovers {

	private static final Logger log = LoggerFactory.getLogger(Handovers.class);

	private static final String LOST = """
			SELECT a.attempt_id, a.step_execution_id, s.step_name, w.host, w.pid, w.state,
			    extract(epoch FROM now() - w.heartbeat_at)::bigint AS silent_seconds
			FROM partition_attempt a
			JOIN sift_worker w ON w.worker_id = a.worker_id
			JOIN batch_step_execution s ON s.step_execution_id = a.step_execution_id
			WHERE s.job_execution_id = ? AND a.outcome = 'running'
			    AND (w.state <> 'up' OR w.heartbeat_at < now() - make_interval(secs => ?))
			ORDER BY a.attempt_id
			""";

	private static final String MARK_LOST = """
			UPDATE sift_worker SET state = 'lost', step_execution_id = NULL
			WHERE state = 'up' AND heartbeat_at < now() - make_interval(secs => ?)
			""";

	/** Attempts whose worker is gone and whose partition ended meanwhile (its run was restarted elsewhere). */
	private static final String ORPHANS = """
			UPDATE partition_attempt a SET outcome = 'lost', ended_at = now(), reason = 'its worker is gone'
			FROM sift_worker w, batch_step_execution s
			WHERE w.worker_id = a.worker_id AND s.step_execution_id = a.step_execution_id AND a.outcome = 'running'
			    AND w.state <> 'up' AND s.status NOT IN ('STARTING', 'STARTED', 'STOPPING')
			""";

	private static final String END_ATTEMPT = """
			UPDATE partition_attempt SET outcome = ?, reason = ?, ended_at = now()
			WHERE attempt_id = ? AND outcome = 'running'
			""";

	private final JdbcTemplate jdbc;

	private final JobRepository jobRepository;

	private final QueueChannel requests;

	private final TransactionTemplate transactions;

	private final WorkerProperties properties;

	Handovers(JdbcTemplate jdbc, JobRepository jobRepository, @Qualifier(PartitionChannel.REQUESTS) QueueChannel requests,
			PlatformTransactionManager transactionManager, WorkerProperties properties) {
		this.jdbc = jdbc;
		this.jobRepository = jobRepository;
		this.requests = requests;
		this.transactions = new TransactionTemplate(transactionManager);
		this.properties = properties;
	}

	/**
	 * Hands over every partition of the run whose worker is lost or stopped, and marks workers without a heartbeat
	 * in time lost.
	 * @return the partitions handed over
	 */
	int handOverLost(long jobExecutionId) {
		long lostAfter = this.properties.lostAfter().toSeconds();
		this.jdbc.update(MARK_LOST, lostAfter);
		this.jdbc.update(ORPHANS);
		List<Lost> lost = this.jdbc.query(LOST,
				(row, number) -> new Lost(row.getLong("attempt_id"), row.getLong("step_execution_id"),
						row.getString("step_name"), row.getString("host") + ":" + row.getLong("pid"),
						row.getString("state"), row.getLong("silent_seconds")),
				jobExecutionId, lostAfter);
		int handedOver = 0;
		for (Lost partition : lost) {
			String reason = partition.state().equals("stopped") ? "worker " + partition.worker() + " stopped"
					: "worker " + partition.worker() + " sent no heartbeat for " + partition.silentSeconds()
							+ " s (sift.worker.lost-after: " + lostAfter + " s)";
			if (handOver(partition.attemptId(), partition.stepExecutionId(), "lost", reason)) {
				log.warn("Partition {} of run {}: {}; handed to the next worker, which resumes it after its last "
						+ "committed chunk", partition.stepName(), jobExecutionId, reason);
				handedOver++;
			}
		}
		return handedOver;
	}

	/**
	 * Ends a running attempt with {@code outcome} and, when its partition is still unfinished, puts the partition
	 * back in the channel for the next worker.
	 * @return whether the attempt was still running (nobody else ended it first)
	 */
	boolean handOver(long attemptId, long stepExecutionId, String outcome, String reason) {
		return Boolean.TRUE.equals(this.transactions.execute(status -> {
			if (this.jdbc.update(END_ATTEMPT, outcome, reason, attemptId) == 0) {
				return false;
			}
			StepExecution partition = this.jobRepository.getStepExecution(stepExecutionId);
			if (partition != null && partition.getStatus().isRunning()) {
				partition.setExitStatus(partition.getExitStatus().addExitDescription("handed over: " + reason));
				this.jobRepository.update(partition);
				this.requests.send(MessageBuilder
					.withPayload(new StepExecutionRequest(SpecJobs.PROCESS_STEP, stepExecutionId))
					.build());
			}
			return true;
		}));
	}

	/** Ends a running attempt that its worker finished, unless it was handed over meanwhile. */
	boolean ended(long attemptId, String outcome, String reason) {
		return this.jdbc.update(END_ATTEMPT, outcome, reason, attemptId) > 0;
	}

	private record Lost(long attemptId, long stepExecutionId, String stepName, String worker, String state,
			long silentSeconds) {
	}

}
