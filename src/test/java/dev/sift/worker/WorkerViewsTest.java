package dev.sift.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.sift.testing.TestDatabase;
import dev.sift.worker.WorkerViews.Attempt;
import dev.sift.worker.WorkerViews.CurrentPartition;
import dev.sift.worker.WorkerViews.PartitionView;
import dev.sift.worker.WorkerViews.WorkerView;

/**
 * The views on the shared test database, with Spring Batch's and the workers' rows written directly. Each test runs
 * in one transaction that is rolled back: now() is the same in every statement of it, so the seconds since a
 * heartbeat are exact, and no other test sees these rows.
 */
class WorkerViewsTest {

	private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

	private final DataSource database = TestDatabase.dataSource();

	private final JdbcTemplate jdbc = new JdbcTemplate(this.database);

	private final WorkerViews views = new WorkerViews(this.jdbc,
			new WorkerProperties(false, 1, Duration.ofSeconds(10), Duration.ofSeconds(45), Duration.ofSeconds(1)));

	@Test
	void workersThatAreUpComeFirstNewestFirstWithTheirPartitionAndHeartbeatByTheDatabaseClock() {
		inRolledBackTransaction(() -> {
			long run = jobExecution("classify-feedback");
			long partition = step(run, "process:partition1", "STARTED", T0.plusSeconds(5), null, 300, 290, 10);
			partition(partition, run, 1, 2, 1250, "lines 1252 to 2501");
			UUID a = worker("host-a", 1234, "up", T0, "45 seconds", null);
			UUID b = worker("host-b", 5678, "up", T0.plusSeconds(300), "45.5 seconds", null);
			UUID c = worker("host-c", 42, "stopped", T0.plusSeconds(600), "2 hours", T0.plusSeconds(900));
			UUID d = worker("host-d", 7, "lost", T0.minusSeconds(3600), "100 seconds", T0.minusSeconds(60));
			this.jdbc.update("""
					UPDATE sift_worker SET step_execution_id = ?, partition_started_at = ?, partition_records = 300,
					    records_per_second = 2.5
					WHERE worker_id = ?""", partition, Timestamp.from(T0.plusSeconds(310)), b);

			List<WorkerView> workers = this.views.workers()
				.stream()
				.filter(w -> Set.of(a, b, c, d).contains(w.id()))
				.toList();

			assertThat(workers).containsExactly(
					new WorkerView(b, "host-b", 5678, "tiny.gguf", "all", 8, 2, T0.plusSeconds(300),
							now().minusMillis(45_500), 45, true, "up", null,
							new CurrentPartition(run, "classify-feedback", 1, 2, 1250L, 300, 2.5, T0.plusSeconds(310))),
					new WorkerView(a, "host-a", 1234, "tiny.gguf", "all", 8, 2, T0, now().minusSeconds(45), 45, false,
							"up", null, null),
					new WorkerView(c, "host-c", 42, "tiny.gguf", "all", 8, 2, T0.plusSeconds(600),
							now().minusSeconds(7200), 7200, false, "stopped", T0.plusSeconds(900), null),
					new WorkerView(d, "host-d", 7, "tiny.gguf", "all", 8, 2, T0.minusSeconds(3600),
							now().minusSeconds(100), 100, false, "lost", T0.minusSeconds(60), null));
		});
	}

	@Test
	void aPartitionShowsItsStepFiguresAndEveryAttemptInOrder() {
		inRolledBackTransaction(() -> {
			long run = jobExecution("classify-feedback");
			long first = step(run, "process:partition0", "STARTED", T0, null, 900, 880, 20);
			long second = step(run, "process:partition1", "COMPLETED", T0, T0.plusSeconds(400), 1251, 1251, 0);
			partition(second, run, 1, 2, 1251, "lines 1252 to 2502");
			partition(first, run, 0, 2, 1250, "lines 2 to 1251");
			UUID a = worker("host-a", 1234, "lost", T0, "5 minutes", T0.plusSeconds(131));
			UUID b = worker("host-b", 5678, "up", T0.plusSeconds(60), "1 second", null);
			attempt(first, a, T0, T0.plusSeconds(131), "lost", "no heartbeat for 45 s");
			attempt(second, b, T0.plusSeconds(60), T0.plusSeconds(400), "completed", null);
			attempt(first, b, T0.plusSeconds(401), null, "running", null);

			assertThat(this.views.partitions(run)).contains(List.of(
					new PartitionView(first, 0, 2, "lines 2 to 1251", 1250, 900, 880, 20, "STARTED", T0, null,
							"host-b:5678", true,
							List.of(new Attempt("host-a:1234", T0, T0.plusSeconds(131), "lost",
									"no heartbeat for 45 s"),
									new Attempt("host-b:5678", T0.plusSeconds(401), null, "running", null))),
					new PartitionView(second, 1, 2, "lines 1252 to 2502", 1251, 1251, 1251, 0, "COMPLETED", T0,
							T0.plusSeconds(400), "host-b:5678", false,
							List.of(new Attempt("host-b:5678", T0.plusSeconds(60), T0.plusSeconds(400), "completed",
									null)))));
		});
	}

	@Test
	void aPartitionNoWorkerTookYetHasNoWorkerAndNoAttempts() {
		inRolledBackTransaction(() -> {
			long run = jobExecution("classify-feedback");
			long waiting = step(run, "process:partition0", "STARTING", T0, null, 0, 0, 0);
			partition(waiting, run, 0, 1, 10, "lines 2 to 11");

			assertThat(this.views.partitions(run)).contains(List.of(new PartitionView(waiting, 0, 1, "lines 2 to 11",
					10, 0, 0, 0, "STARTING", T0, null, null, false, List.of())));
		});
	}

	@Test
	void aRunWithoutPartitionsHasNoneAndNoRunHasNoList() {
		inRolledBackTransaction(() -> {
			long run = jobExecution("classify-feedback");
			step(run, "process", "COMPLETED", T0, T0.plusSeconds(10), 5, 5, 0);

			assertThat(this.views.partitions(run)).contains(List.of());
			assertThat(this.views.partitions(-1)).isEqualTo(Optional.empty());
		});
	}

	private void inRolledBackTransaction(Runnable test) {
		new TransactionTemplate(new DataSourceTransactionManager(this.database)).executeWithoutResult(status -> {
			status.setRollbackOnly();
			test.run();
		});
	}

	/** The transaction's now(), which every statement in it sees. */
	private Instant now() {
		return this.jdbc.queryForObject("SELECT now()", Timestamp.class).toInstant();
	}

	private long jobExecution(String job) {
		long instance = this.jdbc.queryForObject("SELECT nextval('batch_job_instance_seq')", Long.class);
		this.jdbc.update("INSERT INTO batch_job_instance (job_instance_id, version, job_name, job_key) "
				+ "VALUES (?, 0, ?, md5(?))", instance, job, UUID.randomUUID().toString());
		long execution = this.jdbc.queryForObject("SELECT nextval('batch_job_execution_seq')", Long.class);
		this.jdbc.update("INSERT INTO batch_job_execution (job_execution_id, version, job_instance_id, create_time, "
				+ "start_time, status, exit_code) VALUES (?, 1, ?, ?, ?, 'STARTED', 'UNKNOWN')", execution, instance,
				Timestamp.from(T0), Timestamp.from(T0));
		return execution;
	}

	private long step(long jobExecution, String name, String status, Instant started, Instant ended, long read,
			long written, long unchanged) {
		long step = this.jdbc.queryForObject("SELECT nextval('batch_step_execution_seq')", Long.class);
		this.jdbc.update("""
				INSERT INTO batch_step_execution (step_execution_id, version, step_name, job_execution_id, create_time,
				    start_time, end_time, status, commit_count, read_count, filter_count, write_count, read_skip_count,
				    write_skip_count, process_skip_count, rollback_count, exit_code, last_updated)
				VALUES (?, 1, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, 0, 0, 0, 0, 'EXECUTING', ?)""", step, name, jobExecution,
				Timestamp.from(started), Timestamp.from(started), ended == null ? null : Timestamp.from(ended), status,
				read, unchanged, written, Timestamp.from(started));
		return step;
	}

	private void partition(long step, long jobExecution, int index, int partitions, long records, String description) {
		this.jdbc.update("INSERT INTO run_partition (step_execution_id, job_execution_id, partition_index, partitions, "
				+ "records, description) VALUES (?, ?, ?, ?, ?, ?)", step, jobExecution, index, partitions, records,
				description);
	}

	/** @param heartbeatAgo how long before now() its last heartbeat was, as a PostgreSQL interval */
	private UUID worker(String host, long pid, String state, Instant started, String heartbeatAgo, Instant stopped) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO sift_worker (worker_id, host, pid, model, gpu_layers, slots, instances, started_at,
				    heartbeat_at, state, stopped_at)
				VALUES (?, ?, ?, 'tiny.gguf', 'all', 8, 2, ?, now() - ?::interval, ?, ?)""", id, host, pid,
				Timestamp.from(started), heartbeatAgo, state, stopped == null ? null : Timestamp.from(stopped));
		return id;
	}

	private void attempt(long step, UUID worker, Instant started, Instant ended, String outcome, String reason) {
		this.jdbc.update("INSERT INTO partition_attempt (step_execution_id, worker_id, started_at, ended_at, outcome, "
				+ "reason) VALUES (?, ?, ?, ?, ?, ?)", step, worker, Timestamp.from(started),
				ended == null ? null : Timestamp.from(ended), outcome, reason);
	}

}
