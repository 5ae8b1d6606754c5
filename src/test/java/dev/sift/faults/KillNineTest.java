package dev.sift.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import dev.sift.faults.StoredResults.Execution;
import dev.sift.faults.StoredResults.Findings;
import dev.sift.testing.FeedbackFiles;
import dev.sift.testing.SiftProcess;
import dev.sift.testing.TestDatabase;

import static dev.sift.faults.SiftCommand.CHUNK;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of a real Sift at random points of successive runs of one job, until a run is left alone and
 * completes. Then the database must hold every record of the file exactly once, and the runs must add up: each killed
 * execution FAILED (marked so by the next start, since a killed process records nothing), the last COMPLETED, and
 * their reads together exactly the file's records. The job keeps a results table ({@code outputs.table}): at every
 * kill it holds a row for each result stored, no more, no fewer, so it showed the run's progress before the run
 * ended, and at the end one typed row per record. The points come from a seeded random generator whose seed is
 * printed: {@code -Dsift.faults.seed=SEED} replays them.
 */
@ExtendWith(FaultReport.Extension.class)
class KillNineTest {

	private static final String JOB = "classify-feedback";

	private static final int RECORDS = 240;

	private static final String TABLE = "kill_nine_results";

	private static final Duration RUN_PATIENCE = Duration.ofMinutes(2);

	private static final Pattern RESUMING = Pattern.compile("Resuming run (\\d+) of " + JOB);

	@TempDir(cleanup = CleanupMode.ON_SUCCESS)
	Path directory;

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void runsKilledAtRandomPointsLeaveEveryRecordStoredExactlyOnce(FaultReport report) throws Exception {
		long seed = Long.getLong("sift.faults.seed", System.currentTimeMillis());
		Random random = new Random(seed);
		int kills = 3 + random.nextInt(2);
		report.note("seed %d (replay with -Dsift.faults.seed=%d): %d kills, %d records in chunks of %d", seed, seed,
				kills, RECORDS, CHUNK);
		Path input = FeedbackFiles.write(this.directory.resolve("kill-nine.csv"), RECORDS);
		StoredResults results = new StoredResults(TestDatabase.dataSource(), JOB, input);
		SiftCommand command = SiftCommand.run(JOB, input)
			.scriptedModel()
			.database(TestDatabase.connection())
			.jobs(FeedbackFiles.specWritingTo(this.directory.resolve("jobs"), JOB, null, TABLE));

		long storedAtLastKill = 0;
		int resumeKills = 0;
		for (int run = 1; run <= kills; run++) {
			KillPoint point = KillPoint.draw(random, run, storedAtLastKill, kills - run + 1);
			try (SiftProcess sift = command.start(this.directory.resolve("run-" + run + ".log"))) {
				point.await(sift, results);
				sift.kill();
				storedAtLastKill = results.count();
				report.injected("kill -9 of run %d (pid %d) %s: %d results stored when it died; log %s", run,
						sift.pid(), point, storedAtLastKill, sift.log());
			}
			resumeKills += point.atResume() ? 1 : 0;
			assertThat(storedAtLastKill).as("results stored once run %d was killed", run).isLessThan(RECORDS);
			assertThat(results.tableRows(TABLE)).as("results table rows once run %d was killed", run)
				.isEqualTo(storedAtLastKill);
		}
		int last = kills + 1;
		try (SiftProcess sift = command.start(this.directory.resolve("run-" + last + ".log"))) {
			int exitCode = sift.awaitExit(RUN_PATIENCE);
			report.found("run %d (pid %d), left alone, exited %d; %s; log %s", last, sift.pid(), exitCode,
					sift.line(RESUMING).map(line -> "it resumed run " + line.group(1)).orElse("it resumed nothing"),
					sift.log());
			assertThat(exitCode).as("exit code of run %d, see %s", last, sift.log()).isZero();
		}

		Findings findings = results.findings(FeedbackFiles.ids(RECORDS));
		List<Execution> executions = results.executions();
		report.found("%s", findings);
		executions.forEach(execution -> report.found("%s", execution));
		assertThat(findings.missing()).as("records not stored").isEmpty();
		assertThat(findings.unexpected()).as("rows of no record of the file").isEmpty();
		assertThat(findings.rows()).as("rows of the file's records").isEqualTo(RECORDS);
		assertThat(findings.distinctIds()).as("distinct record ids").isEqualTo(RECORDS);
		assertThat(findings.rewritten()).as("rows written again after their chunk had committed").isZero();
		assertThat(findings.promptVersions()).isOne();
		List<Map<String, Object>> tableRows = results.tableRowsOf(TABLE);
		assertThat(tableRows).as("results table rows").hasSize(RECORDS);
		assertThat(tableRows).extracting(row -> row.get("record_id"))
			.containsExactlyInAnyOrderElementsOf(FeedbackFiles.ids(RECORDS));
		assertThat(tableRows).extracting(row -> row.get("topics_type")).containsOnly("text[]");

		// A kill at the resume line can come before the restart has created its execution.
		assertThat(executions).hasSizeBetween(last - resumeKills, last);
		assertThat(executions).extracting(Execution::instanceId).containsOnly(executions.get(0).instanceId());
		Execution completed = executions.get(executions.size() - 1);
		List<Execution> killed = executions.subList(0, executions.size() - 1);
		assertThat(completed.status()).isEqualTo("COMPLETED");
		assertThat(completed.stepStatus()).isEqualTo("COMPLETED");
		assertThat(killed).extracting(Execution::status).containsOnly("FAILED");
		assertThat(killed.stream().mapToLong(Execution::read).sum()).as("reads committed by the killed runs")
			.isEqualTo(storedAtLastKill);
		assertThat(executions.stream().mapToLong(Execution::read).sum()).as("reads of all runs").isEqualTo(RECORDS);
		assertThat(executions.stream().mapToLong(Execution::written).sum()).as("writes of all runs")
			.isEqualTo(RECORDS);
		assertThat(executions.stream().mapToLong(Execution::unchanged).sum())
			.as("records read again and found unchanged: a committed chunk read twice")
			.isZero();
	}

	/**
	 * When to kill a run: once at least {@code results} results are stored, or at the line saying it resumes an
	 * earlier run (in the middle of the restart's bookkeeping); in both cases a little later still, so the kill
	 * falls anywhere in a chunk, not just after a commit.
	 */
	private record KillPoint(boolean atResume, long results, int laterMillis) {

		static KillPoint draw(Random random, int run, long stored, int killsLeft) {
			int later = random.nextInt(60);
			if (run > 1 && random.nextInt(4) == 0) {
				return new KillPoint(true, 0, later);
			}
			// A share of what is left, small enough that every kill falls before the end of the file even when a
			// fast machine stores a few chunks between the point and the kill.
			int share = (int) Math.max(1, (RECORDS - stored) / (killsLeft + 2));
			return new KillPoint(false, stored + 1 + random.nextInt(share), later);
		}

		void await(SiftProcess sift, StoredResults stored) throws InterruptedException {
			if (this.atResume) {
				sift.awaitLine(RESUMING, RUN_PATIENCE);
			}
			else {
				long deadline = System.nanoTime() + RUN_PATIENCE.toNanos();
				while (stored.count() < this.results) {
					if (!sift.isAlive() || System.nanoTime() - deadline > 0) {
						throw new AssertionError("The run " + (sift.isAlive() ? "is still running" : "ended")
								+ " with " + stored.count() + " results stored, before the kill point (" + this
								+ "), see " + sift.log());
					}
					Thread.sleep(10);
				}
			}
			Thread.sleep(this.laterMillis);
		}

		@Override
		public String toString() {
			return (this.atResume ? "at its 'Resuming run' line" : "once " + this.results + " results were stored")
					+ " + " + this.laterMillis + " ms";
		}

	}

}
