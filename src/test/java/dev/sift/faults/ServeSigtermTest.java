package dev.sift.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.sift.faults.StoredResults.Execution;
import dev.sift.faults.StoredResults.Findings;
import dev.sift.testing.FeedbackFiles;
import dev.sift.testing.GateFile;
import dev.sift.testing.SiftProcess;
import dev.sift.testing.TestDatabase;

import static dev.sift.faults.SiftCommand.CHUNK;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM to {@code serve} (a service manager stopping it) while a run it started through the API is held in the
 * middle of a chunk: the process must wait for the chunk, commit it, end the run STOPPED (job and step) and exit.
 * Then a new {@code serve} restarts the run through the API, and it completes with every record stored exactly once.
 */
@ExtendWith(FaultReport.Extension.class)
class ServeSigtermTest {

	private static final String JOB = "classify-feedback";

	private static final int RECORDS = 48;

	private static final Duration PATIENCE = Duration.ofMinutes(2);

	/** Liveness: how long a stopping service may take, once the chunk it waits for can finish. */
	private static final Duration EXIT_BOUND = Duration.ofSeconds(60);

	@TempDir(cleanup = CleanupMode.ON_SUCCESS)
	Path directory;

	@Test
	@Timeout(value = 4, unit = TimeUnit.MINUTES)
	void sigtermMidChunkStopsTheRunAfterItsChunkAndARestartThroughTheApiCompletesIt(FaultReport report)
			throws Exception {
		Path inbox = this.directory.resolve("inbox");
		Path input = FeedbackFiles.write(Files.createDirectories(inbox).resolve("feedback.csv"),
				RECORDS);
		StoredResults results = new StoredResults(TestDatabase.dataSource(), JOB, input);
		GateFile gate = GateFile.closed(this.directory.resolve("gate"));
		gate.allowInAll(2 * CHUNK);
		SiftCommand command = SiftCommand.serve()
			.gatedModel(gate)
			.database(TestDatabase.connection())
			.jobs(FeedbackFiles.specWritingTo(this.directory.resolve("jobs"), null))
			.set("sift.service.input-dirs", inbox);

		long runId;
		long storedWhileHeld;
		try (SiftProcess first = command.start(this.directory.resolve("serve-1.log"))) {
			ServiceApi api = ServiceApi.of(first, PATIENCE);
			runId = api.startRun(JOB, input).path("id").asLong();
			results.awaitMidChunk(first, gate, PATIENCE);
			storedWhileHeld = results.count();

			first.terminate();
			report.injected("SIGTERM to serve (pid %d) while run %d was held mid-chunk with %d results stored",
					first.pid(), runId, storedWhileHeld);
			awaitStatus(results, "STOPPING", first);
			assertThat(first.isAlive()).as("serve waits for the chunk in flight, see %s", first.log()).isTrue();
			report.found("run %d is STOPPING and serve waits for its chunk; the model's gate opens now", runId);
			gate.open();
			long opened = System.nanoTime();
			int exitCode = first.awaitExit(EXIT_BOUND);
			report.found("serve exited %d, %s after the gate opened; log %s", exitCode,
					FaultReport.seconds(System.nanoTime() - opened), first.log());
		}
		Execution stopped = results.executions().get(0);
		long storedWhenStopped = results.count();
		report.found("%s; %d results stored", stopped, storedWhenStopped);
		assertThat(stopped.id()).isEqualTo(runId);
		assertThat(stopped.status()).as("the run").isEqualTo("STOPPED");
		assertThat(stopped.stepStatus()).as("its process step").isEqualTo("STOPPED");
		assertThat(storedWhenStopped).as("the chunk in flight, committed, and no more")
			.isEqualTo(storedWhileHeld + CHUNK);

		try (SiftProcess second = command.start(this.directory.resolve("serve-2.log"))) {
			ServiceApi api = ServiceApi.of(second, PATIENCE);
			long restartedId = api.restart(runId).path("id").asLong();
			JsonNode ended = api.awaitEnd(restartedId, PATIENCE);
			report.found("a new serve (pid %d) restarted run %d through the API as execution %d, which ended %s "
					+ "after %d executions; log %s", second.pid(), runId, restartedId, ended.path("status").asString(),
					ended.path("executions").asInt(), second.log());
			assertThat(ended.path("status").asString()).as("the restarted run, see %s", second.log())
				.isEqualTo("COMPLETED");
			assertThat(ended.path("executions").asInt()).isEqualTo(2);
			second.terminate();
			second.awaitExit(EXIT_BOUND);
		}

		Findings findings = results.findings(FeedbackFiles.ids(RECORDS));
		List<Execution> executions = results.executions();
		report.found("%s", findings);
		executions.forEach(execution -> report.found("%s", execution));
		assertThat(findings.missing()).as("records not stored").isEmpty();
		assertThat(findings.rows()).isEqualTo(RECORDS);
		assertThat(findings.distinctIds()).isEqualTo(RECORDS);
		assertThat(findings.rewritten()).as("rows written again after their chunk had committed").isZero();
		assertThat(executions).extracting(Execution::status).containsExactly("STOPPED", "COMPLETED");
		assertThat(executions.get(0).read()).as("reads of the stopped run").isEqualTo(storedWhenStopped);
		assertThat(executions.get(0).read() + executions.get(1).read()).isEqualTo(RECORDS);
	}

	private static void awaitStatus(StoredResults results, String status, SiftProcess serve)
			throws InterruptedException {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (!results.executions().get(0).status().equals(status)) {
			if (!serve.isAlive() || System.nanoTime() - deadline > 0) {
				throw new AssertionError("The run is " + results.executions().get(0).status() + ", not " + status
						+ ", and serve " + (serve.isAlive() ? "still runs" : "ended") + ", see " + serve.log());
			}
			Thread.sleep(20);
		}
	}

}
