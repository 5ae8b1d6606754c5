package dev.sift.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import dev.sift.faults.StoredResults.Execution;
import dev.sift.faults.StoredResults.Findings;
import dev.sift.testing.FeedbackFiles;
import dev.sift.testing.GateFile;
import dev.sift.testing.SiftProcess;

import static dev.sift.faults.SiftCommand.CHUNK;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of every process of the PostgreSQL server a run is using, while the run is certainly in the middle
 * of a chunk (the model holds a request until the test lets it go): the Sift process must fail on its own, exit with
 * a non-zero status and say in a line that it lost the database. Then the server starts again on the same data
 * (PostgreSQL's crash recovery), the same command is run again, and it must resume after the last committed chunk and
 * complete with every record stored exactly once. The server is one of the test's own, an external database to Sift.
 */
@ExtendWith(FaultReport.Extension.class)
class DatabaseKilledTest {

	private static final String JOB = "classify-feedback";

	private static final int RECORDS = 48;

	/** What the issue asks for: a run that lost its database fails within about this long. */
	private static final Duration ASKED = Duration.ofSeconds(15);

	/** Liveness: a Sift that lost its database and is still running after this long hangs. */
	private static final Duration EXIT_BOUND = Duration.ofSeconds(60);

	private static final Duration PATIENCE = Duration.ofMinutes(2);

	private static final Pattern PROCESSING = Pattern.compile("Processing \\d+ records");

	private static final Pattern RESUMING = Pattern.compile("Resuming run \\d+ .*");

	/** A log line (an error or a warning) that says the database was lost, in any words Sift may choose. */
	static final Pattern DATABASE_LOST = Pattern.compile(
			"^\\S+\\s+(ERROR|WARN)\\b.*(?i:\\blost\\b.*\\bdatabase\\b|\\bdatabase\\b.*\\b(lost|gone)\\b)");

	@TempDir(cleanup = CleanupMode.ON_SUCCESS)
	Path directory;

	@Test
	@Timeout(value = 4, unit = TimeUnit.MINUTES)
	void aRunWhoseDatabaseIsKilledMidChunkFailsAndTheSameCommandResumesItAfterCrashRecovery(FaultReport report)
			throws Exception {
		Path data = this.directory.resolve("postgres");
		int port = OwnPostgres.freePort();
		Path input = FeedbackFiles.write(this.directory.resolve("feedback.csv"), RECORDS);
		StoredResults results = new StoredResults(OwnPostgres.dataSource(port), JOB, input);
		GateFile gate = GateFile.closed(this.directory.resolve("gate"));
		// At least one chunk commits even if every record of it is asked twice, then a request is held.
		gate.allowInAll(2 * CHUNK);
		SiftCommand command = SiftCommand.run(JOB, input)
			.gatedModel(gate)
			.database(OwnPostgres.url(port), OwnPostgres.USER, "")
			.jobs(FeedbackFiles.specWritingTo(this.directory.resolve("jobs"), null));

		long committed;
		long executionId;
		List<String> lost;
		Path firstLog = this.directory.resolve("first.log");
		try (OwnPostgres server = OwnPostgres.start(data, port);
				SiftProcess first = command.start(firstLog)) {
			first.awaitLine(PROCESSING, PATIENCE);
			results.awaitMidChunk(first, gate, PATIENCE);
			committed = results.count();
			executionId = results.executions().get(0).id();

			List<Long> killed = server.killNine();
			long killedAt = System.nanoTime();
			gate.open();
			report.injected("kill -9 of PostgreSQL (postmaster %d and the %d processes it started, %s) while run %d "
					+ "(pid %d) was held mid-chunk with %d results committed; then the model's gate opened",
					killed.get(0), killed.size() - 1, killed.subList(1, killed.size()), executionId, first.pid(),
					committed);
			assertThat(killed).as("the postmaster and the processes it started").hasSizeGreaterThan(1);

			int exitCode = first.awaitExit(EXIT_BOUND);
			long took = System.nanoTime() - killedAt;
			lost = first.lines().stream().filter(line -> DATABASE_LOST.matcher(line).find()).toList();
			report.found("Sift exited %d, %s after the kill (the issue asks for about %d s: %s); log %s", exitCode,
					FaultReport.seconds(took), ASKED.toSeconds(), took <= ASKED.toNanos() ? "met" : "NOT met",
					first.log());
			report.found("%d line(s) say the database was lost%s; %d stack trace lines in the log", lost.size(),
					lost.isEmpty() ? "" : ", the first: " + lost.get(0),
					first.lines().stream().filter(line -> line.startsWith("\tat ")).count());
			assertThat(exitCode).as("exit code of the run that lost its database, see %s", first.log()).isNotZero();
		}

		try (OwnPostgres recovered = OwnPostgres.start(data, port);
				SiftProcess second = command.start(this.directory.resolve("second.log"))) {
			long afterRecovery = results.count();
			report.found("PostgreSQL started again on the same data: %d results after crash recovery", afterRecovery);
			assertThat(afterRecovery).as("the committed chunks, and not the one in flight").isEqualTo(committed);

			int exitCode = second.awaitExit(PATIENCE);
			report.found("the same command again exited %d; %s; log %s", exitCode,
					second.line(RESUMING).map(Matcher::group).orElse("it resumed nothing"), second.log());
			assertThat(exitCode).as("exit code of the run started again, see %s", second.log()).isZero();
			assertThat(second.line(Pattern.compile("Resuming run " + executionId + " of " + JOB)))
				.as("it resumes run %d, see %s", executionId, second.log())
				.isPresent();

			Findings findings = results.findings(FeedbackFiles.ids(RECORDS));
			List<Execution> executions = results.executions();
			report.found("%s", findings);
			executions.forEach(execution -> report.found("%s", execution));
			assertThat(findings.missing()).as("records not stored").isEmpty();
			assertThat(findings.rows()).isEqualTo(RECORDS);
			assertThat(findings.distinctIds()).isEqualTo(RECORDS);
			assertThat(findings.rewritten()).as("rows written again after their chunk had committed").isZero();
			assertThat(executions).extracting(Execution::status).containsExactly("FAILED", "COMPLETED");
			assertThat(executions.get(0).read()).as("reads committed before the kill").isEqualTo(committed);
			assertThat(executions.get(1).read()).as("reads of the resumed run").isEqualTo(RECORDS - committed);
		}
		// Last, so that a run that fails without saying why still shows whether it resumes.
		assertThat(lost).as("a line saying the database was lost, see %s", firstLog).isNotEmpty();
	}

}
