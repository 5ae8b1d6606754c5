package dev.sift.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sift.run.JobRunner;
import dev.sift.testing.SampleReplies;
import dev.sift.testing.ScriptedChatModel;
import dev.sift.testing.ScriptedModelTest;

/**
 * The classify-feedback job over the shipped sample file, through a scripted chat model whose replies the test
 * knows ({@link SampleReplies}): every record is stored once with exactly the labels the model gave, the replies
 * that break the rules go to review after a retry, the unreadable rows fail with file and line, and the export holds
 * one row per record.
 */
@ScriptedModelTest
class ClassifyFeedbackJobTest {

	private static final String JOB = "classify-feedback";

	private static final Path SAMPLE = Path.of("jobs/samples/feedback.csv");

	private static final int SAMPLE_RECORDS = 72;

	/** The sample's feedback that mentions a refund: the script answers it with a label the job does not know. */
	private static final List<String> MENTION_A_REFUND = List.of("FB-1002", "FB-1013", "FB-1044");

	/** The sample's blank text (FB-1026 on line 33) and the second FB-1040 (line 50). */
	private static final List<String> UNREADABLE = List.of("FB-1026", "line-50");

	@Autowired
	JobRunner jobRunner;

	@Autowired
	SpecJobs jobs;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ScriptedChatModel model;

	@TempDir
	Path workDirectory;

	private JobRuns runs;

	@BeforeEach
	void setUp() {
		this.runs = new JobRuns(this.jobRunner, this.jobs, this.jdbc);
	}

	@Test
	void storesTheModelsLabelsForEveryRecordOnceReviewsBrokenRepliesAndFailsUnreadableRows() throws Exception {
		Path input = copyOfSample();
		Path output = this.workDirectory.resolve("results.csv");
		int refundRequestsBefore = this.model.requestsAbout(textOf("FB-1002")).size();

		JobExecution execution = this.runs.run(JOB, input.toString(), output);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Map<String, Map<String, Object>> rows = JobRuns.byRecord(this.runs.results(JOB, input.toString()));
		assertThat(rows).hasSize(SAMPLE_RECORDS);
		assertThat(JobRuns.read(execution)).isEqualTo(SAMPLE_RECORDS);
		assertThat(rows.values()).filteredOn(row -> row.get("status").equals("ok"))
			.hasSize(SAMPLE_RECORDS - MENTION_A_REFUND.size() - UNREADABLE.size());
		assertThat(JobRuns.labels(rows.get("FB-1006"))).isEqualTo(Map.of("sentiment", "negative", "topics",
				List.of("delivery"), "urgency", "high", "summary", SampleReplies.FEEDBACK_SUMMARY, "language", "en"));
		assertThat(JobRuns.labels(rows.get("FB-1003"))).isEqualTo(Map.of("sentiment", "positive", "topics", List.of("product"),
				"urgency", "low", "summary", SampleReplies.FEEDBACK_SUMMARY, "language", "en"));
		for (String recordId : MENTION_A_REFUND) {
			Map<String, Object> row = rows.get(recordId);
			assertThat(row.get("status")).as(recordId).isEqualTo("needs_review");
			assertThat(row.get("reason")).asString().startsWith("reply broke the rules after 2 attempts").contains("furious");
			assertThat(row.get("raw_output")).asString().contains("\"se\":\"furious\"");
			assertThat(row.get("labels")).isNull();
		}
		assertThat(rows.get("FB-1026")).containsEntry("status", "failed");
		assertThat(rows.get("FB-1026").get("reason")).asString()
			.isEqualTo(input.toRealPath() + " line 33: empty text");
		assertThat(rows.get("line-50")).containsEntry("status", "failed");
		assertThat(rows.get("line-50").get("reason")).asString().contains("line 50").contains("duplicate id 'FB-1040'");
		assertThat(this.model.requestsAbout(textOf("FB-1002")).size() - refundRequestsBefore)
			.as("asked once more, then sent to review")
			.isEqualTo(2);
		assertExportHoldsEveryRecordWithItsLabels(output);
	}

	@Test
	void theModelGetsTheRecordsColumnsAndTextAndTheTasksSchema() throws Exception {
		Path input = copyOfSample();

		this.runs.run(JOB, input.toString(), null);

		ScriptedChatModel.Request request = this.model.requestsAbout(textOf("FB-1006")).get(0);
		assertThat(request.userMessage()).startsWith("channel: ").endsWith("Text:\n" + textOf("FB-1006"));
		assertThat(request.outputSchema()).isEqualTo(this.jobs.prompt(JOB).outputSchema());
		assertThat(request.options().getModel()).isEqualTo(ScriptedChatModel.MODEL);
	}

	@Test
	void nextRunClassifiesOnlyChangedRecordsAndNeverDuplicates() throws Exception {
		Path input = copyOfSample();
		JobExecution first = this.runs.run(JOB, input.toString(), null);
		JobExecution second = this.runs.run(JOB, input.toString(), null);

		assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(second.getJobInstance().getInstanceId()).isNotEqualTo(first.getJobInstance().getInstanceId());
		assertThat(JobRuns.written(second)).as("nothing new on the second run").isZero();
		assertThat(this.runs.results(JOB, input.toString())).hasSize(SAMPLE_RECORDS);

		String sample = Files.readString(input, StandardCharsets.UTF_8);
		String changed = sample.replace("FB-1003,2026-10-02T18:12:00Z,survey,Veggie Box,ok\r\n",
				"FB-1003,2026-10-02T18:12:00Z,survey,Veggie Box,ok but the box came late\r\n");
		assertThat(changed).isNotEqualTo(sample);
		Files.writeString(input, changed, StandardCharsets.UTF_8);
		JobExecution third = this.runs.run(JOB, input.toString(), null);

		assertThat(JobRuns.written(third)).as("only the changed record").isEqualTo(1);
		Map<String, Map<String, Object>> rows = JobRuns.byRecord(this.runs.results(JOB, input.toString()));
		assertThat(rows).hasSize(SAMPLE_RECORDS);
		assertThat(JobRuns.labels(rows.get("FB-1003"))).containsEntry("sentiment", "negative");
		assertThat(this.jdbc.queryForObject(
				"SELECT job_instance_id FROM classification_result WHERE source = ? AND record_id = 'FB-1003'",
				Long.class, input.toRealPath().toString()))
			.isEqualTo(third.getJobInstance().getInstanceId());
	}

	@Test
	void theSameFileGivenByARelativeAndAnAbsolutePathIsOneSource() throws Exception {
		Path input = copyOfSample();
		Path relative = Path.of("").toAbsolutePath().relativize(input.toAbsolutePath());

		this.runs.run(JOB, relative.toString(), null);
		JobExecution again = this.runs.run(JOB, input.toAbsolutePath().toString(), null);

		assertThat(JobRuns.written(again)).as("the same records, already classified").isZero();
		assertThat(this.jdbc.queryForList("SELECT DISTINCT source FROM classification_result WHERE source LIKE ?",
				String.class, "%" + input.getFileName()))
			.containsExactly(input.toRealPath().toString());
	}

	private void assertExportHoldsEveryRecordWithItsLabels(Path output) throws IOException {
		List<CSVRecord> records = CSVFormat.RFC4180.builder()
			.setHeader()
			.get()
			.parse(Files.newBufferedReader(output))
			.getRecords();
		assertThat(records.get(0).getParser().getHeaderNames()).containsExactly("id", "received_at", "channel",
				"product", "text", "sentiment", "topics", "urgency", "summary", "language", "status", "reason");
		assertThat(records).hasSize(SAMPLE_RECORDS);
		CSVRecord late = records.stream().filter(record -> record.get("id").equals("FB-1006")).findFirst().orElseThrow();
		assertThat(late.toMap()).containsEntry("status", "ok")
			.containsEntry("sentiment", "negative")
			.containsEntry("topics", "delivery")
			.containsEntry("summary", SampleReplies.FEEDBACK_SUMMARY)
			.containsEntry("text", textOf("FB-1006"));
	}

	/** The text of a sample record, as the job hands it to the model. */
	private static String textOf(String recordId) throws IOException {
		return CSVFormat.RFC4180.builder()
			.setHeader()
			.get()
			.parse(Files.newBufferedReader(SAMPLE))
			.stream()
			.filter(record -> record.get("id").equals(recordId))
			.findFirst()
			.orElseThrow()
			.get("text")
			.strip();
	}

	private Path copyOfSample() throws IOException {
		Path copy = Files.createTempFile(this.workDirectory, "feedback-", ".csv");
		Files.copy(SAMPLE, copy, StandardCopyOption.REPLACE_EXISTING);
		return copy;
	}

}
