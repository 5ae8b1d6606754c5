package dev.sift.faults;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.sift.faults.StoredResults.Execution;
import dev.sift.faults.StoredResults.Findings;
import dev.sift.testing.FeedbackFiles;
import dev.sift.testing.GateFile;
import dev.sift.testing.SiftProcess;

import static dev.sift.faults.SiftCommand.CHUNK;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second Sift on the data directory of a {@code serve} that owns the directory's embedded PostgreSQL and is in the
 * middle of a run: the second ({@code run survey-themes}) must join the first's server as a client, complete and exit
 * 0, and the first must be unharmed: its API answers throughout, its database still works after the second left, its
 * run completes. When the first stops, no PostgreSQL is left running on the directory.
 */
@ExtendWith(FaultReport.Extension.class)
class SecondProcessTest {

	private static final int FEEDBACK = 48;

	private static final Duration PATIENCE = Duration.ofMinutes(2);

	private static final Duration EXIT_BOUND = Duration.ofSeconds(60);

	private static final Pattern OWNER = Pattern.compile("Embedded PostgreSQL on port (\\d+)");

	@TempDir(cleanup = CleanupMode.ON_SUCCESS)
	Path directory;

	@Test
	@Timeout(value = 4, unit = TimeUnit.MINUTES)
	void aSecondSiftOnTheSameDataDirectoryRunsAsAClientAndLeavesTheFirstUnharmed(FaultReport report)
			throws Exception {
		Path data = this.directory.resolve("data").resolve("postgres");
		Path inbox = Files.createDirectories(this.directory.resolve("inbox"));
		Path feedback = FeedbackFiles.write(inbox.resolve("feedback.csv"), FEEDBACK);
		Path survey = Files.copy(Path.of("jobs", "samples", "survey_responses.csv"), inbox.resolve("survey.csv"));
		Path jobs = this.directory.resolve("jobs");
		FeedbackFiles.specWritingTo(jobs, "classify-feedback", null);
		FeedbackFiles.specWritingTo(jobs, "survey-themes", null);
		GateFile gate = GateFile.closed(this.directory.resolve("gate"));
		gate.allowInAll(2 * CHUNK);

		try (SiftProcess first = SiftCommand.serve()
			.gatedModel(gate)
			.embeddedDatabase(data)
			.jobs(jobs)
			.set("sift.service.input-dirs", inbox)
			.start(this.directory.resolve("serve.log"))) {
			ServiceApi api = ServiceApi.of(first, PATIENCE);
			int port = Integer.parseInt(first.awaitLine(OWNER, PATIENCE).group(1));
			DataSource database = OwnPostgres.dataSource(port);
			ProcessHandle postmaster = OwnPostgres.postmaster(data)
				.orElseThrow(() -> new AssertionError("No PostgreSQL runs on " + data));
			StoredResults feedbackResults = new StoredResults(database, "classify-feedback", feedback);
			long runId = api.startRun("classify-feedback", feedback).path("id").asLong();
			feedbackResults.awaitMidChunk(first, gate, PATIENCE);

			int answers = 0;
			try (SiftProcess second = SiftCommand.run("survey-themes", survey)
				.scriptedModel()
				.embeddedDatabase(data)
				.jobs(jobs)
				.start(this.directory.resolve("second.log"))) {
				report.injected("a second Sift (pid %d, run survey-themes) on the data directory of serve (pid %d, "
						+ "PostgreSQL pid %d on port %d), while serve's run %d is held mid-chunk", second.pid(),
						first.pid(), postmaster.pid(), port, runId);
				while (second.isAlive()) {
					assertThat(api.run(runId).path("running").asBoolean()).as("serve's run while the second runs")
						.isTrue();
					answers++;
					Thread.sleep(200);
				}
				int exitCode = second.awaitExit(PATIENCE);
				Matcher joined = second
					.line(Pattern.compile("Using the embedded PostgreSQL of Sift process (\\d+) on port (\\d+)"))
					.orElse(null);
				report.found("the second exited %d, %s; serve's API answered %d requests meanwhile; log %s", exitCode,
						joined == null ? "saying nothing of joining a server" : joined.group(), answers, second.log());
				assertThat(exitCode).as("exit code of the second Sift, see %s", second.log()).isZero();
				assertThat(joined).as("the second joins serve's server, see %s", second.log()).isNotNull();
				assertThat(joined.group(1)).isEqualTo(Long.toString(first.pid()));
				assertThat(joined.group(2)).isEqualTo(Integer.toString(port));
			}

			StoredResults surveyResults = new StoredResults(database, "survey-themes", survey);
			Findings surveyFindings = surveyResults.findings(surveyIds(survey));
			report.found("survey-themes: %s; %s", surveyFindings, surveyResults.executions());
			assertThat(surveyFindings.missing()).as("survey records not stored").isEmpty();
			assertThat(surveyFindings.rows()).isEqualTo(surveyFindings.records());
			assertThat(surveyFindings.distinctIds()).isEqualTo(surveyFindings.records());
			assertThat(surveyResults.executions()).extracting(Execution::status).containsExactly("COMPLETED");

			assertThat(postmaster.isAlive()).as("serve's PostgreSQL after the second left").isTrue();
			assertThat(new JdbcTemplate(database).queryForObject("SELECT 6 * 7", Integer.class)).isEqualTo(42);
			assertThat(api.run(runId).path("running").asBoolean()).as("serve's run after the second left").isTrue();
			gate.open();
			JsonNode ended = api.awaitEnd(runId, PATIENCE);
			Findings feedbackFindings = feedbackResults.findings(FeedbackFiles.ids(FEEDBACK));
			report.found("serve's run %d ended %s once its gate opened; classify-feedback: %s", runId,
					ended.path("status").asString(), feedbackFindings);
			assertThat(ended.path("status").asString()).as("serve's run, see %s", first.log()).isEqualTo("COMPLETED");
			assertThat(feedbackFindings.missing()).as("feedback records not stored").isEmpty();
			assertThat(feedbackFindings.rows()).isEqualTo(FEEDBACK);
			assertThat(feedbackFindings.distinctIds()).isEqualTo(FEEDBACK);

			first.terminate();
			int exitCode = first.awaitExit(EXIT_BOUND);
			boolean stopped = awaitExit(postmaster, Duration.ofSeconds(10));
			List<String> left = postgresOn(data);
			report.found("serve exited %d on SIGTERM; its PostgreSQL (pid %d) %s; PostgreSQL processes left on %s: %s",
					exitCode, postmaster.pid(), stopped ? "stopped" : "STILL RUNS", data, left);
			assertThat(stopped).as("serve, the last Sift out, stops the server, see %s", first.log()).isTrue();
			assertThat(left).isEmpty();
		}
		finally {
			OwnPostgres.killAnyServer(data);
		}
	}

	private static List<String> surveyIds(Path survey) throws IOException {
		try (Reader reader = Files.newBufferedReader(survey, StandardCharsets.UTF_8)) {
			return CSVFormat.DEFAULT.builder()
				.setHeader()
				.setSkipHeaderRecord(true)
				.get()
				.parse(reader)
				.stream()
				.map(row -> row.get("response_id"))
				.toList();
		}
	}

	/** Polls: {@link ProcessHandle#onExit()} of a process that is not a child polls too, but ever more slowly. */
	private static boolean awaitExit(ProcessHandle process, Duration patience) throws InterruptedException {
		long deadline = System.nanoTime() + patience.toNanos();
		while (process.isAlive() && System.nanoTime() - deadline < 0) {
			Thread.sleep(50);
		}
		return !process.isAlive();
	}

	/** Processes whose command line names the data directory: a postmaster started on it. */
	private static List<String> postgresOn(Path data) {
		String directory = data.toAbsolutePath().toString();
		return ProcessHandle.allProcesses()
			.filter(process -> process.info().commandLine().map(line -> line.contains(directory)).orElse(false))
			.map(process -> process.pid() + " " + process.info().commandLine().orElse(""))
			.toList();
	}

}
