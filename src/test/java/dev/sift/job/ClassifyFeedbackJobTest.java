package dev.sift.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
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
 * The classify-feedback job over the shipped sample file, on the generated tiny model (random weights: the labels
 * are noise, so the test checks mechanics: every record stored once, with valid labels or a reason).
 */
@SiftIntegrationTest
class ClassifyFeedbackJobTest {

	private static final String JOB = "classify-feedback";

	private static final Path SAMPLE = Path.of("jobs/samples/feedback.csv");

	private static final int SAMPLE_RECORDS = 72;

	@Autowired
	JobRunner jobRunner;

	@Autowired
	SpecJobs jobs;

	@Autowired
	JdbcTemplate jdbc;

	@TempDir
	Path workDirectory;

	/** One run, several checks: each run of the sample costs tens of seconds on two cores. */
	@Test
	void storesEveryRecordOfTheSampleOnceWithValidLabelsOrAReasonAndExportsThem() throws Exception {
		Path input = copyOfSample();
		Path output = this.workDirectory.resolve("results.csv");

		JobExecution execution = run(input, output);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<Map<String, Object>> rows = resultsOf(input);
		assertThat(rows).hasSize(SAMPLE_RECORDS);
		assertThat(rows).extracting(row -> row.get("record_id")).doesNotHaveDuplicates();
		TaskPrompt validator = this.jobs.prompt(JOB);
		for (Map<String, Object> row : rows) {
			if ("ok".equals(row.get("status"))) {
				assertThat(validator.validate((String) row.get("raw_output")).isValid()).as("labels of %s", row)
					.isTrue();
				assertThat(row.get("labels")).isNotNull();
			}
			else {
				assertThat((String) row.get("reason")).as("reason of %s", row.get("record_id")).isNotBlank();
			}
		}
		long ok = rows.stream().filter(row -> "ok".equals(row.get("status"))).count();
		long needsReview = rows.stream().filter(row -> "needs_review".equals(row.get("status"))).count();
		long failed = rows.stream().filter(row -> "failed".equals(row.get("status"))).count();
		assertThat(ok + needsReview + failed).isEqualTo(readCount(execution)).isEqualTo(SAMPLE_RECORDS);
		assertUnreadableRowsFailedWithFileAndLine(input);
		assertExportHasOneRowPerRecordWithEveryLabelColumn(output);
	}

	@Test
	void nextRunClassifiesOnlyChangedRecordsAndNeverDuplicates() throws Exception {
		Path input = copyOfSample();
		JobExecution first = run(input, null);
		JobExecution second = run(input, null);

		assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(second.getJobInstance().getInstanceId()).isNotEqualTo(first.getJobInstance().getInstanceId());
		assertThat(writeCount(second)).as("nothing new on the second run").isZero();
		assertThat(resultsOf(input)).hasSize(SAMPLE_RECORDS);

		String sample = Files.readString(input, StandardCharsets.UTF_8);
		String changed = sample.replace("FB-1003,2026-10-02T18:12:00Z,survey,Veggie Box,ok\r\n",
				"FB-1003,2026-10-02T18:12:00Z,survey,Veggie Box,ok but the box came late\r\n");
		assertThat(changed).isNotEqualTo(sample);
		Files.writeString(input, changed, StandardCharsets.UTF_8);
		JobExecution third = run(input, null);

		assertThat(writeCount(third)).as("only the changed record").isEqualTo(1);
		assertThat(resultsOf(input)).hasSize(SAMPLE_RECORDS);
		assertThat(this.jdbc.queryForObject(
				"SELECT job_instance_id FROM classification_result WHERE source = ? AND record_id = 'FB-1003'",
				Long.class, input.toString()))
			.isEqualTo(third.getJobInstance().getInstanceId());
	}

	private void assertUnreadableRowsFailedWithFileAndLine(Path input) {
		Map<String, Object> blank = this.jdbc.queryForMap(
				"SELECT status, reason FROM classification_result WHERE source = ? AND record_id = 'FB-1026'",
				input.toString());
		assertThat(blank.get("status")).isEqualTo("failed");
		assertThat((String) blank.get("reason")).contains(input.toString()).contains("line 33").contains("empty text");
		Map<String, Object> duplicate = this.jdbc.queryForMap(
				"SELECT status, reason FROM classification_result WHERE source = ? AND record_id = 'line-50'",
				input.toString());
		assertThat(duplicate.get("status")).isEqualTo("failed");
		assertThat((String) duplicate.get("reason")).contains("FB-1040");
	}

	private void assertExportHasOneRowPerRecordWithEveryLabelColumn(Path output) throws IOException {
		List<CSVRecord> records = CSVFormat.RFC4180.builder()
			.setHeader()
			.get()
			.parse(Files.newBufferedReader(output))
			.getRecords();
		assertThat(records).hasSize(SAMPLE_RECORDS);
		assertThat(records.get(0).getParser().getHeaderNames()).containsSubsequence("record_id", "status",
				"sentiment", "topics", "urgency", "summary", "language", "reason");
		for (CSVRecord record : records) {
			if (record.get("status").equals("ok")) {
				assertThat(record.get("sentiment")).isIn("positive", "neutral", "negative", "mixed");
				assertThat(record.get("summary")).isNotBlank();
			}
		}
	}

	private JobExecution run(Path input, Path output) throws Exception {
		return this.jobRunner.run(this.jobs.job(JOB), SpecJobs.runParameters(input.toString(), output, RunOptions.DEFAULTS),
				SpecJobs.INPUT);
	}

	private List<Map<String, Object>> resultsOf(Path input) {
		return this.jdbc.queryForList(
				"SELECT record_id, status, reason, raw_output, labels::text AS labels FROM classification_result WHERE source = ?",
				input.toString());
	}

	private static long writeCount(JobExecution execution) {
		return execution.getStepExecutions()
			.stream()
			.filter(step -> step.getStepName().equals(SpecJobs.PROCESS_STEP))
			.mapToLong(StepExecution::getWriteCount)
			.sum();
	}

	private static long readCount(JobExecution execution) {
		return execution.getStepExecutions()
			.stream()
			.filter(step -> step.getStepName().equals(SpecJobs.PROCESS_STEP))
			.mapToLong(StepExecution::getReadCount)
			.sum();
	}

	private Path copyOfSample() throws IOException {
		Path copy = Files.createTempFile(this.workDirectory, "feedback-", ".csv");
		Files.copy(SAMPLE, copy, StandardCopyOption.REPLACE_EXISTING);
		return copy;
	}

}
