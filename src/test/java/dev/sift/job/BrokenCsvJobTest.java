package dev.sift.job;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sift.run.JobRunner;
import dev.sift.testing.SiftIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CSV file that cannot be read to its end, run through the {@code classify-feedback} job: the run fails after
 * storing what could be read, and says where and why; restarting it on the same file fails again.
 */
@SiftIntegrationTest
class BrokenCsvJobTest {

	private static final String JOB = "classify-feedback";

	private static final String HEADER = "id,received_at,channel,product,text\n";

	@Autowired
	JobRunner runner;

	@Autowired
	SpecJobs jobs;

	@Autowired
	JdbcTemplate jdbc;

	@TempDir
	Path dir;

	private JobRuns runs;

	@BeforeEach
	void setUp() {
		this.runs = new JobRuns(this.runner, this.jobs, this.jdbc);
	}

	@Test
	void aFileBrokenByAnUnterminatedQuoteEndsTheRunFailedAfterStoringTheRecordsBeforeItAndTheBrokenOneOnce()
			throws Exception {
		Path input = Files.writeString(this.dir.resolve("tickets.csv"), HEADER
				+ "T-1,2026-10-01,email,Classic Box,Charged twice for one box\n"
				+ "T-2,2026-10-01,chat,Veggie Box,Lovely vegetables\n"
				+ "T-3,2026-10-02,app,Family Box,\"Late, again\"\n"
				+ "T-4,2026-10-02,email,Classic Box,\"The box said \"\"fresh\"\" but\n"
				+ "T-5,2026-10-03,chat,Veggie Box,never read\n"
				+ "T-6,2026-10-03,chat,Veggie Box,never read either\n", StandardCharsets.UTF_8);
		Path output = this.dir.resolve("results.csv");

		JobExecution first = this.runs.run(JOB, input.toString(), output);

		assertThat(first.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(first.getStepExecutions()).extracting(StepExecution::getStepName)
			.as("a failed run does not export")
			.containsExactly(SpecJobs.PROCESS_STEP);
		assertThat(output).doesNotExist();
		assertThat(JobRuns.read(first)).isEqualTo(4);
		List<Map<String, Object>> results = this.runs.results(JOB, input.toString());
		assertThat(results).extracting(row -> row.get("record_id")).containsExactly("T-1", "T-2", "T-3", "line-5");
		assertThat(results.get(3).get("status")).isEqualTo("failed");
		assertThat((String) results.get(3).get("reason")).startsWith(input + " line 5: unterminated quote: the quoted "
				+ "field that starts on line 5 is never closed");
		String description = first.getExitStatus().getExitDescription();
		assertThat(description).startsWith(input + " cannot be read past line 5: unterminated quote")
			.contains("3 records before line 5 can be read")
			.contains("To fix it: close the quote on line 5");
		assertThat(persisted("batch_step_execution", first.getId()))
			.containsEntry("status", "FAILED")
			.containsEntry("exit_code", "FAILED")
			.hasEntrySatisfying("exit_message", message -> assertThat(message).asString().contains(description));
		assertThat(persisted("batch_job_execution", first.getId())).containsEntry("status", "FAILED")
			.hasEntrySatisfying("exit_message", message -> assertThat(message).asString().contains(description));

		JobExecution restarted = this.runs.run(JOB, input.toString(), output);

		assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(first.getJobInstance().getInstanceId());
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(restarted.getExitStatus().getExitDescription()).contains(input + " cannot be read past line 5")
			.contains("3 records before line 5");
		assertThat(JobRuns.read(restarted)).isZero();
		assertThat(JobRuns.written(restarted)).isZero();
		assertThat(this.runs.results(JOB, input.toString())).isEqualTo(results);
		assertThat(output).doesNotExist();
	}

	@Test
	void restartedOnceTheFileIsFixedTheRunGoesOnFromTheBrokenRecordAndCompletes() throws Exception {
		String good = HEADER + "F-1,2026-10-01,email,Classic Box,Charged twice for one box\n";
		String rest = "F-3,2026-10-02,app,Family Box,Late again\n";
		Path input = Files.writeString(this.dir.resolve("fixed.csv"),
				good + "F-2,2026-10-01,chat,Veggie Box,\"Tasty\" they said\n" + rest, StandardCharsets.UTF_8);
		Path output = this.dir.resolve("fixed-results.csv");

		JobExecution first = this.runs.run(JOB, input.toString(), output);

		assertThat(first.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(first.getExitStatus().getExitDescription()).contains("line 3: text after a closing quote on line 3")
			.contains("a quote inside a quoted field is written as two quotes");

		Files.writeString(input, good + "F-2,2026-10-01,chat,Veggie Box,\"\"\"Tasty\"\" they said\"\n" + rest,
				StandardCharsets.UTF_8);
		JobExecution restarted = this.runs.run(JOB, input.toString(), output);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(JobRuns.read(restarted)).isEqualTo(2);
		assertThat(this.runs.results(JOB, input.toString())).extracting(row -> row.get("record_id"))
			.containsExactly("F-1", "F-2", "line-3", "F-3");
		assertThat(output).exists();
	}

	private Map<String, Object> persisted(String table, long jobExecutionId) {
		String step = table.equals("batch_step_execution") ? " AND step_name = 'process'" : "";
		return this.jdbc.queryForMap("SELECT status, exit_code, exit_message FROM " + table
				+ " WHERE job_execution_id = ?" + step, jobExecutionId);
	}

}
