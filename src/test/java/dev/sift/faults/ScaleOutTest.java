package dev.sift.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.sift.faults.StoredResults.Execution;
import dev.sift.faults.StoredResults.Findings;
import dev.sift.testing.FeedbackFiles;
import dev.sift.testing.GateFile;
import dev.sift.testing.SiftProcess;
import dev.sift.testing.TestDatabase;
import dev.sift.testing.TestModels;

import static dev.sift.faults.SiftCommand.CHUNK;
import static dev.sift.faults.SiftCommand.LOST_AFTER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scale-out with real JVMs on one PostgreSQL: a manager ({@code run ... partitions=N}, which processes no record
 * itself) and two {@code worker} processes. A run split for them completes with every record stored once; and when
 * one worker is killed with {@code kill -9} in the middle of its partition, the manager hands that partition to the
 * other worker once the dead one's heartbeat is older than {@code sift.worker.lost-after}, the other resumes it after
 * its last committed chunk, and the run still completes with every record stored once and its counts adding up. A
 * SIGTERM of a worker hands its partition over at once; a killed manager's run resumes when started again; and when
 * their PostgreSQL is killed, the manager fails saying so while the workers live on, and the run started again once
 * the server is back completes with every record stored once.
 */
@ExtendWith(FaultReport.Extension.class)
class ScaleOutTest {

	private static final String JOB = "classify-feedback";

	private static final Duration PATIENCE = Duration.ofMinutes(3);

	private static final Pattern WORKER_UP = Pattern.compile("Worker (\\S+) \\(\\S+\\) is up");


	private final JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.dataSource());

	private final Database shared = new Database(TestDatabase.connection(), this.jdbc);

	@TempDir(cleanup = CleanupMode.ON_SUCCESS)
	Path directory;

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void aRunSplitIntoPartitionsForTwoWorkersOnTheTinyModelStoresEveryRecordOnce(FaultReport report)
			throws Exception {
		int records = 96;
		Path input = FeedbackFiles.write(this.directory.resolve("partitioned.csv"), records);
		Path jobs = FeedbackFiles.specWritingTo(this.directory.resolve("jobs"), JOB, null, null);
		Path model = TestModels.tiny();
		StoredResults results = new StoredResults(TestDatabase.dataSource(), JOB, input);
		SiftCommand worker = SiftCommand.worker().tinyModel(model).quickWorkers().database(TestDatabase.connection())
			.jobs(jobs);
		try (SiftProcess first = worker.start(this.directory.resolve("worker-1.log"));
				SiftProcess second = worker.start(this.directory.resolve("worker-2.log"))) {
			first.awaitLine(WORKER_UP, PATIENCE);
			second.awaitLine(WORKER_UP, PATIENCE);
			try (SiftProcess manager = SiftCommand.runPartitioned(JOB, input, 4).tinyModel(model).quickWorkers()
				.database(TestDatabase.connection())
				.jobs(jobs)
				.start(this.directory.resolve("manager.log"))) {
				assertThat(manager.awaitExit(PATIENCE)).as("exit code of the manager, see %s", manager.log()).isZero();
			}
		}
		Execution run = oneCompletedRunStoringEachRecordOnce(results, records, report);
		List<Map<String, Object>> partitions = partitions(this.shared, run.id());
		report.note("partitions: %s", partitions);
		assertThat(partitions).hasSize(4);
		assertThat(partitions).extracting(row -> row.get("status")).containsOnly("COMPLETED");
		assertThat(partitions).extracting(row -> ((Number) row.get("read_count")).longValue())
			.containsExactly(24L, 24L, 24L, 24L);
		assertThat(partitions).extracting(row -> row.get("outcomes")).containsOnly("completed");
		assertThat(this.jdbc.queryForObject("SELECT read_count FROM run_progress WHERE job_execution_id = ?",
				Long.class, run.id())).as("the run's progress row").isEqualTo(records);
	}

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void aWorkerKilledInTheMiddleOfItsPartitionHasItFinishedByTheOtherWithEveryRecordStoredOnce(FaultReport report)
			throws Exception {
		int records = 80;
		Path input = FeedbackFiles.write(this.directory.resolve("killed-worker.csv"), records);
		Path jobs = FeedbackFiles.specWritingTo(this.directory.resolve("jobs"), JOB, null, null);
		StoredResults results = new StoredResults(TestDatabase.dataSource(), JOB, input);
		try (GatedWorker doomed = new GatedWorker("doomed", jobs, this.shared);
				GatedWorker survivor = new GatedWorker("survivor", jobs, this.shared)) {
			String doomedName = doomed.awaitUp();
			String survivorName = survivor.awaitUp();
			try (SiftProcess manager = manager(input, jobs, this.shared).start(this.directory.resolve("manager.log"))) {
				long committed = doomed.awaitMidPartition();
				doomed.process.kill();
				report.injected("kill -9 of worker %s (pid %d) with %d records of its partition committed; log %s",
						doomedName, doomed.process.pid(), committed, doomed.process.log());
				survivor.gate.open();
				assertThat(manager.awaitExit(PATIENCE)).as("exit code of the manager, see %s", manager.log()).isZero();
			}
			Execution run = oneCompletedRunStoringEachRecordOnce(results, records, report);
			List<Map<String, Object>> partitions = partitions(this.shared, run.id());
			report.note("partitions: %s", partitions);
			assertThat(partitions).extracting(row -> row.get("status")).containsOnly("COMPLETED");
			assertThat(partitions).extracting(row -> ((Number) row.get("read_count")).longValue())
				.containsExactly(40L, 40L);
			assertThat(partitions).extracting(row -> row.get("outcomes"))
				.containsExactlyInAnyOrder("completed", "lost,completed");
			Map<String, Object> lost = this.jdbc.queryForMap("""
					SELECT a.reason, w.host || ':' || w.pid AS worker, w.state,
					    extract(epoch FROM a.ended_at - w.heartbeat_at) AS silent_seconds
					FROM partition_attempt a JOIN sift_worker w ON w.worker_id = a.worker_id
					JOIN run_partition r ON r.step_execution_id = a.step_execution_id
					WHERE r.job_execution_id = ? AND a.outcome = 'lost'
					""", run.id());
			report.note("hand-over: %s", lost);
			assertThat(lost.get("worker")).isEqualTo(doomedName);
			assertThat(lost.get("state")).isEqualTo("lost");
			assertThat((String) lost.get("reason")).startsWith("worker " + doomedName + " sent no heartbeat for ");
			// The manager looks every heartbeat interval (1 s): the hand-over comes a look or a few after the bound.
			assertThat(((Number) lost.get("silent_seconds")).doubleValue())
				.as("seconds between the killed worker's last heartbeat and the hand-over")
				.isBetween((double) LOST_AFTER.toSeconds(), LOST_AFTER.toSeconds() + 5.0);
			assertThat(this.jdbc.queryForList("""
					SELECT DISTINCT w.host || ':' || w.pid FROM partition_attempt a
					JOIN sift_worker w ON w.worker_id = a.worker_id
					JOIN run_partition r ON r.step_execution_id = a.step_execution_id
					WHERE r.job_execution_id = ? AND a.outcome = 'completed'
					""", String.class, run.id()))
				.as("the worker that completed the partitions")
				.containsOnly(survivorName);
		}
	}

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void aWorkerStoppedInTheMiddleOfItsPartitionHandsItToTheOtherAtOnce(FaultReport report) throws Exception {
		int records = 48;
		Path input = FeedbackFiles.write(this.directory.resolve("stopped-worker.csv"), records);
		Path jobs = FeedbackFiles.specWritingTo(this.directory.resolve("jobs"), JOB, null, null);
		StoredResults results = new StoredResults(TestDatabase.dataSource(), JOB, input);
		String stoppingName;
		try (GatedWorker stopping = new GatedWorker("stopping", jobs, this.shared);
				GatedWorker survivor = new GatedWorker("survivor", jobs, this.shared)) {
			stoppingName = stopping.awaitUp();
			survivor.awaitUp();
			try (SiftProcess manager = manager(input, jobs, this.shared).start(this.directory.resolve("manager.log"))) {
				long committed = stopping.awaitMidPartition();
				stopping.process.terminate();
				report.injected("SIGTERM to worker %s (pid %d) with %d records of its partition committed; log %s",
						stoppingName, stopping.process.pid(), committed, stopping.process.log());
				stopping.process.awaitLine(Pattern.compile("goes back to the channel for the next worker"), PATIENCE);
				survivor.gate.open();
				assertThat(manager.awaitExit(PATIENCE)).as("exit code of the manager, see %s", manager.log()).isZero();
			}
		}
		Execution run = oneCompletedRunStoringEachRecordOnce(results, records, report);
		assertThat(partitions(this.shared, run.id())).extracting(row -> row.get("outcomes"))
			.containsExactlyInAnyOrder("completed", "stopped,completed");
		Map<String, Object> stopped = this.jdbc.queryForMap("""
				SELECT a.reason, w.state, extract(epoch FROM a.ended_at - w.heartbeat_at) AS silent_seconds
				FROM partition_attempt a JOIN sift_worker w ON w.worker_id = a.worker_id
				JOIN run_partition r ON r.step_execution_id = a.step_execution_id
				WHERE r.job_execution_id = ? AND a.outcome = 'stopped'
				""", run.id());
		report.note("hand-over: %s", stopped);
		assertThat(stopped.get("reason")).isEqualTo("worker " + stoppingName + " stopped");
		assertThat(stopped.get("state")).isEqualTo("stopped");
		assertThat(((Number) stopped.get("silent_seconds")).doubleValue())
			.as("seconds between the stopped worker's last heartbeat and its hand-over: less than lost-after")
			.isLessThan((double) LOST_AFTER.toSeconds());
	}

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void aRunWhoseManagerWasKilledResumesWhenStartedAgainWithEveryRecordStoredOnce(FaultReport report)
			throws Exception {
		int records = 64;
		Path input = FeedbackFiles.write(this.directory.resolve("killed-manager.csv"), records);
		Path jobs = FeedbackFiles.specWritingTo(this.directory.resolve("jobs"), JOB, null, null);
		StoredResults results = new StoredResults(TestDatabase.dataSource(), JOB, input);
		try (GatedWorker first = new GatedWorker("first", jobs, this.shared);
				GatedWorker second = new GatedWorker("second", jobs, this.shared)) {
			first.awaitUp();
			second.awaitUp();
			SiftCommand manager = manager(input, jobs, this.shared);
			try (SiftProcess killed = manager.start(this.directory.resolve("killed-manager.log"))) {
				first.awaitMidPartition();
				second.awaitMidPartition();
				killed.kill();
				report.injected("kill -9 of the manager (pid %d) with both workers in the middle of a partition, "
						+ "%d results stored; log %s", killed.pid(), results.count(), killed.log());
			}
			// Started again while both workers still hold their partitions: it takes them over.
			try (SiftProcess resumed = manager.start(this.directory.resolve("resumed-manager.log"))) {
				resumed.awaitLine(Pattern.compile("Resuming the unfinished partitions of run"), PATIENCE);
				first.gate.open();
				second.gate.open();
				assertThat(resumed.awaitExit(PATIENCE)).as("exit code of the manager started again, see %s",
						resumed.log()).isZero();
			}
		}
		assertEachRecordStoredOnce(results, records, report);
		List<Execution> executions = results.executions();
		report.note("executions: %s", executions);
		assertThat(executions).extracting(Execution::status).containsExactly("FAILED", "COMPLETED");
		assertThat(this.jdbc.queryForObject("""
				SELECT sum(p.read_count) FROM run_progress p WHERE p.job_instance_id = ?
				""", Long.class, executions.get(0).instanceId())).as("records the run's executions read in all")
			.isEqualTo(records);
		assertThat(partitions(this.shared, executions.get(1).id())).extracting(row -> row.get("status"))
			.containsOnly("COMPLETED");
	}

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void aRunWhoseDatabaseIsKilledFailsItsManagerWhileTheWorkersLiveOnAndStartedAgainStoresEveryRecordOnce(
			FaultReport report) throws Exception {
		int records = 64;
		Path input = FeedbackFiles.write(this.directory.resolve("database-lost.csv"), records);
		Path jobs = FeedbackFiles.specWritingTo(this.directory.resolve("jobs"), JOB, null, null);
		Path data = this.directory.resolve("postgres");
		int port = OwnPostgres.freePort();
		Database own = Database.own(port);
		StoredResults results = new StoredResults(OwnPostgres.dataSource(port), JOB, input);
		SiftCommand manager = manager(input, jobs, own);
		try (OwnPostgres server = OwnPostgres.start(data, port);
				GatedWorker first = new GatedWorker("first", jobs, own);
				GatedWorker second = new GatedWorker("second", jobs, own)) {
			first.awaitUp();
			second.awaitUp();
			try (SiftProcess lost = manager.start(this.directory.resolve("lost-manager.log"))) {
				first.awaitMidPartition();
				second.awaitMidPartition();
				long committed = results.count();
				List<Long> killed = server.killNine();
				long killedAt = System.nanoTime();
				first.gate.open();
				second.gate.open();
				report.injected("kill -9 of PostgreSQL (postmaster %d and %d more) with both workers in the middle of "
						+ "a partition, %d results committed", killed.get(0), killed.size() - 1, committed);
				int exitCode = lost.awaitExit(PATIENCE);
				report.found("the manager exited %d, %s after the kill; log %s", exitCode,
						FaultReport.seconds(System.nanoTime() - killedAt), lost.log());
				assertThat(exitCode).as("exit code of the manager that lost its database, see %s", lost.log())
					.isNotZero();
				assertThat(lost.lines()).as("a line of the manager saying it lost the database, see %s", lost.log())
					.anyMatch(line -> DatabaseKilledTest.DATABASE_LOST.matcher(line).find());
			}
			server.close();
			assertThat(first.process.isAlive()).as("a worker outlives the database, see %s", first.process.log())
				.isTrue();
			assertThat(second.process.isAlive()).as("a worker outlives the database, see %s", second.process.log())
				.isTrue();

			try (OwnPostgres recovered = OwnPostgres.start(data, port);
					SiftProcess resumed = manager.start(this.directory.resolve("resumed-manager.log"))) {
				assertThat(resumed.awaitExit(PATIENCE)).as("exit code of the manager started again, see %s",
						resumed.log()).isZero();
				assertEachRecordStoredOnce(results, records, report);
				List<Execution> executions = results.executions();
				report.note("executions: %s", executions);
				assertThat(executions).extracting(Execution::status).containsExactly("FAILED", "COMPLETED");
				// The workers hand their partitions back once the database is there again, and one of them may
				// finish a partition before the manager is started again: the run's counts add up either way.
				executions.forEach(execution -> report.note("partitions of execution %d: %s", execution.id(),
						partitions(own, execution.id())));
				assertThat(own.jdbc().queryForObject("""
						SELECT sum(p.read_count) FROM run_progress p WHERE p.job_instance_id = ?
						""", Long.class, executions.get(0).instanceId())).as("records the run's executions read in all")
					.isEqualTo(records);
			}
		}
	}

	/** Every record of the file stored once, none written twice, under one prompt version. */
	private static void assertEachRecordStoredOnce(StoredResults results, int records, FaultReport report) {
		Findings findings = results.findings(FeedbackFiles.ids(records));
		report.note("%s", findings);
		assertThat(findings.exactlyOnce()).as("%s", findings).isTrue();
	}

	/**
	 * The input's one run: COMPLETED, its partitions having read every record, each stored once.
	 * @return that run
	 */
	private static Execution oneCompletedRunStoringEachRecordOnce(StoredResults results, int records,
			FaultReport report) {
		assertEachRecordStoredOnce(results, records, report);
		List<Execution> executions = results.executions();
		assertThat(executions).hasSize(1);
		Execution run = executions.get(0);
		assertThat(run.status()).isEqualTo("COMPLETED");
		assertThat(run.read()).as("records the partitions read in all, a lost or stopped worker's included")
			.isEqualTo(records);
		return run;
	}

	private static SiftCommand gated(SiftCommand command, GateFile gate, Path jobs, Database database) {
		return command.gatedModel(gate).quickWorkers().database(database.connection()).jobs(jobs);
	}

	/** A manager of a run split into 2 partitions. It processes no record: its gate stays closed. */
	private SiftCommand manager(Path input, Path jobs, Database database) {
		return gated(SiftCommand.runPartitioned(JOB, input, 2), GateFile.closed(this.directory.resolve("manager.gate")),
				jobs, database);
	}

	/** A worker JVM on the scripted model behind a gate of its own, closed until the test lets requests through. */
	private final class GatedWorker implements AutoCloseable {

		private final GateFile gate;

		private final Database database;

		private final SiftProcess process;

		private String name;

		GatedWorker(String label, Path jobs, Database database) throws IOException {
			this.gate = GateFile.closed(ScaleOutTest.this.directory.resolve(label + ".gate"));
			this.database = database;
			this.process = gated(SiftCommand.worker(), this.gate, jobs, database)
				.start(ScaleOutTest.this.directory.resolve(label + ".log"));
		}

		/** Waits until the worker is up. @return its name, host:pid */
		String awaitUp() throws InterruptedException {
			this.name = this.process.awaitLine(WORKER_UP, PATIENCE).group(1);
			return this.name;
		}

		/**
		 * Lets its partition commit a chunk and waits until it holds a request of a later one.
		 * @return the records of the partition committed
		 */
		long awaitMidPartition() throws InterruptedException {
			this.gate.allowInAll(2 * CHUNK);
			return awaitCommittedChunks(this.database, this.process, this.gate, this.name, 1);
		}

		@Override
		public void close() throws InterruptedException {
			this.process.close();
		}

	}

	/**
	 * Waits until the worker's partition has committed {@code chunks} chunks and the worker holds a request of the
	 * next one.
	 * @return the records of the partition committed
	 */
	private static long awaitCommittedChunks(Database database, SiftProcess worker, GateFile gate, String name,
			int chunks) throws InterruptedException {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (true) {
			List<Long> read = database.jdbc().queryForList("""
					SELECT s.read_count FROM partition_attempt a
					JOIN sift_worker w ON w.worker_id = a.worker_id
					JOIN batch_step_execution s ON s.step_execution_id = a.step_execution_id
					WHERE w.host || ':' || w.pid = ? AND a.outcome = 'running' AND s.commit_count >= ?
					""", Long.class, name, chunks);
			if (!read.isEmpty() && gate.isHolding()) {
				return read.get(0);
			}
			if (!worker.isAlive() || System.nanoTime() - deadline > 0) {
				throw new AssertionError("worker " + name + " did not commit " + chunks + " chunks of a partition, see "
						+ worker.log());
			}
			Thread.sleep(20);
		}
	}

	/** The run's partitions in order, with their counts and the outcomes of their attempts in order. */
	private static List<Map<String, Object>> partitions(Database database, long jobExecutionId) {
		return database.jdbc().queryForList("""
				SELECT r.partition_index, s.status, s.read_count, s.write_count,
				    (SELECT string_agg(a.outcome, ',' ORDER BY a.attempt_id) FROM partition_attempt a
				        WHERE a.step_execution_id = r.step_execution_id) AS outcomes
				FROM run_partition r JOIN batch_step_execution s ON s.step_execution_id = r.step_execution_id
				WHERE r.job_execution_id = ? ORDER BY r.partition_index
				""", jobExecutionId);
	}

	/** The database a test's processes share: the shared test server, or one of the test's own that it can kill. */
	private record Database(TestDatabase.Connection connection, JdbcTemplate jdbc) {

		static Database own(int port) {
			return new Database(new TestDatabase.Connection(OwnPostgres.url(port), OwnPostgres.USER, ""),
					new JdbcTemplate(OwnPostgres.dataSource(port)));
		}

	}

}
