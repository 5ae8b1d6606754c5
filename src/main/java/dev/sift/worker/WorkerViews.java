package dev.sift.worker;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Workers and the partitions of runs as the API and the dashboard show them: who is up, what each one is processing
 * and how fast, and for a partitioned run which worker took each partition and how each attempt ended. Each view is
 * one statement; the time since a heartbeat comes from the database's clock, which every worker's heartbeat is
 * written by, so no machine's clock skews it.
 */
@Component
public class WorkerViews {

	/** Workers listed at most: every one that is up, then the most recent of those that stopped or were lost. */
	public static final int SHOWN = 100;

	private static final String SELECT_WORKERS = """
			SELECT w.worker_id, w.host, w.pid, w.model, w.gpu_layers, w.slots, w.instances, w.started_at,
			    w.heartbeat_at,
			    greatest(0, floor(extract(epoch FROM now() - w.heartbeat_at)))::bigint AS since_heartbeat,
			    (w.state = 'up' AND now() - w.heartbeat_at > make_interval(secs => ?)) AS heartbeat_overdue,
			    w.state, w.stopped_at, w.partition_started_at, w.partition_records, w.records_per_second,
			    s.job_execution_id, i.job_name, p.partition_index, p.partitions, p.records
			FROM sift_worker w
			LEFT JOIN batch_step_execution s ON s.step_execution_id = w.step_execution_id
			LEFT JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
			LEFT JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
			LEFT JOIN run_partition p ON p.step_execution_id = w.step_execution_id
			ORDER BY w.state = 'up' DESC, w.started_at DESC, w.worker_id
			LIMIT ?
			""";

	/** The run's row is there even without partitions, so that a run without any is told from no run at all. */
	private static final String SELECT_PARTITIONS = """
			SELECT p.step_execution_id, p.partition_index, p.partitions, p.records, p.description, s.read_count,
			    s.write_count, s.filter_count, s.status, s.start_time, s.end_time, a.started_at, a.ended_at,
			    a.outcome, a.reason, w.host, w.pid
			FROM batch_job_execution e
			LEFT JOIN run_partition p ON p.job_execution_id = e.job_execution_id
			LEFT JOIN batch_step_execution s ON s.step_execution_id = p.step_execution_id
			LEFT JOIN partition_attempt a ON a.step_execution_id = p.step_execution_id
			LEFT JOIN sift_worker w ON w.worker_id = a.worker_id
			WHERE e.job_execution_id = ?
			ORDER BY p.partition_index, a.attempt_id
			""";

	private final JdbcTemplate jdbc;

	private final Duration lostAfter;

	public WorkerViews(JdbcTemplate jdbc, WorkerProperties properties) {
		this.jdbc = jdbc;
		this.lostAfter = properties.lostAfter();
	}

	/** Workers that are up first, then the others; newest first within each; at most {@value #SHOWN}. */
	public List<WorkerView> workers() {
		return this.jdbc.query(SELECT_WORKERS, WorkerViews::workerView, this.lostAfter.toMillis() / 1000.0, SHOWN);
	}

	/**
	 * The partitions of a run, in partition order, each with its attempts in the order they began.
	 *
	 * @param jobExecutionId the run
	 * @return empty when there is no such run; an empty list when the run is not partitioned
	 */
	public Optional<List<PartitionView>> partitions(long jobExecutionId) {
		return this.jdbc.query(SELECT_PARTITIONS, rows -> {
			boolean run = false;
			Map<Long, PartitionRows> partitions = new LinkedHashMap<>();
			while (rows.next()) {
				run = true;
				long step = rows.getLong("step_execution_id");
				if (!rows.wasNull()) {
					partitions.computeIfAbsent(step, id -> new PartitionRows()).add(rows);
				}
			}
			return run ? Optional.of(partitions.values().stream().map(PartitionRows::view).toList())
					: Optional.<List<PartitionView>>empty();
		}, jobExecutionId);
	}

	private static WorkerView workerView(ResultSet row, int rowNumber) throws SQLException {
		long run = row.getLong("job_execution_id");
		CurrentPartition partition = row.wasNull() ? null
				: new CurrentPartition(run, row.getString("job_name"), (Integer) row.getObject("partition_index"),
						(Integer) row.getObject("partitions"), (Long) row.getObject("records"),
						row.getLong("partition_records"), (Double) row.getObject("records_per_second"),
						instant(row.getTimestamp("partition_started_at")));
		return new WorkerView(row.getObject("worker_id", UUID.class), row.getString("host"), row.getLong("pid"),
				row.getString("model"), row.getString("gpu_layers"), row.getInt("slots"), row.getInt("instances"),
				instant(row.getTimestamp("started_at")), instant(row.getTimestamp("heartbeat_at")),
				row.getLong("since_heartbeat"), row.getBoolean("heartbeat_overdue"), row.getString("state"),
				instant(row.getTimestamp("stopped_at")), partition);
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	/** The rows of one partition: the partition's columns repeated with each of its attempts. */
	private static final class PartitionRows {

		private PartitionView head;

		private final List<Attempt> attempts = new ArrayList<>();

		void add(ResultSet row) throws SQLException {
			if (this.head == null) {
				this.head = new PartitionView(row.getLong("step_execution_id"), row.getInt("partition_index"),
						row.getInt("partitions"), row.getString("description"), row.getLong("records"),
						row.getLong("read_count"), row.getLong("write_count"), row.getLong("filter_count"),
						row.getString("status"), instant(row.getTimestamp("start_time")),
						instant(row.getTimestamp("end_time")), null, false, List.of());
			}
			String outcome = row.getString("outcome");
			if (outcome != null) {
				this.attempts.add(new Attempt(row.getString("host") + ":" + row.getLong("pid"),
						instant(row.getTimestamp("started_at")), instant(row.getTimestamp("ended_at")), outcome,
						row.getString("reason")));
			}
		}

		PartitionView view() {
			Attempt last = this.attempts.isEmpty() ? null : this.attempts.get(this.attempts.size() - 1);
			PartitionView p = this.head;
			return new PartitionView(p.stepExecutionId(), p.index(), p.partitions(), p.description(), p.records(),
					p.read(), p.written(), p.unchanged(), p.status(), p.started(), p.ended(),
					last == null ? null : last.worker(), last != null && Attempt.RUNNING.equals(last.outcome()),
					this.attempts);
		}

	}

	/**
	 * A worker process, as it registered and as its last heartbeat left it.
	 *
	 * @param pid its process id on {@code host}
	 * @param gpuLayers the layers it offloads to a GPU, as configured ({@code auto}, {@code all} or a number)
	 * @param slots requests each model instance decodes together
	 * @param instances model instances it loaded
	 * @param secondsSinceHeartbeat whole seconds from its last heartbeat to now, by the database's clock
	 * @param heartbeatOverdue whether it is up but has sent no heartbeat for longer than
	 *     {@code sift.worker.lost-after}: it is about to be declared lost
	 * @param state {@code up}, {@code stopped} (shut down) or {@code lost} (no heartbeat in time)
	 * @param stoppedAt when it stopped or was declared lost
	 * @param partition the partition it is processing (or was, when it stopped or was lost); {@code null} when idle
	 */
	public record WorkerView(UUID id, String host, long pid, String model, String gpuLayers, int slots, int instances,
			Instant startedAt, Instant heartbeatAt, long secondsSinceHeartbeat, boolean heartbeatOverdue, String state,
			Instant stoppedAt, CurrentPartition partition) {

		/** Whether it takes partitions now: up, with its last heartbeat within {@code sift.worker.lost-after}. */
		public boolean takesPartitions() {
			return this.state.equals("up") && !this.heartbeatOverdue;
		}

	}

	/**
	 * The partition a worker has.
	 *
	 * @param runId the run (job execution) the partition belongs to
	 * @param job the run's job
	 * @param index the partition's number, from 0; {@code null} until the manager recorded it
	 * @param partitions how many partitions the run has; {@code null} likewise
	 * @param total the records of the partition; {@code null} likewise
	 * @param records records the worker processed of it in this attempt
	 * @param recordsPerSecond the worker's speed in this attempt; {@code null} before it measured one
	 * @param startedAt when the worker took the partition
	 */
	public record CurrentPartition(long runId, String job, Integer index, Integer partitions, Long total,
			long records, Double recordsPerSecond, Instant startedAt) {
	}

	/**
	 * One partition of a run: its step execution's figures, over every attempt (a partition resumed on another worker
	 * goes on in the same step execution).
	 *
	 * @param stepExecutionId the partition's step execution
	 * @param index the partition's number, from 0
	 * @param partitions how many partitions the run has
	 * @param description which part of the source it is, as the manager split it
	 * @param records the records of the partition
	 * @param unchanged records left alone because their result was current
	 * @param status its step execution's status
	 * @param worker {@code host:pid} of the worker that took it last; {@code null} before any took it
	 * @param workerActive whether that worker is processing it now (its attempt is running)
	 * @param attempts every worker's attempt at it, in the order they began
	 */
	public record PartitionView(long stepExecutionId, int index, int partitions, String description, long records,
			long read, long written, long unchanged, String status, Instant started, Instant ended, String worker,
			boolean workerActive, List<Attempt> attempts) {

		public PartitionView {
			attempts = List.copyOf(attempts);
		}

	}

	/**
	 * One worker's attempt at a partition.
	 *
	 * @param worker {@code host:pid}
	 * @param ended {@code null} while it runs
	 * @param outcome {@code running}, {@code completed}, {@code failed}, {@code stopped} or {@code lost}
	 * @param reason why it ended as it did, when it did not complete
	 */
	public record Attempt(String worker, Instant started, Instant ended, String outcome, String reason) {

		static final String RUNNING = "running";

	}

}
