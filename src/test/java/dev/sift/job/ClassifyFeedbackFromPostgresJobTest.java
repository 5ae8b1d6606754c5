package dev.sift.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sift.run.JobRunner;
import dev.sift.testing.ScriptedModelTest;

/**
 * The shipped {@code classify-feedback-postgres} job on the shipped sample table, through the scripted model: every
 * row is stored once under the table's name, the labels of ok results (and later the labels a reviewer corrected)
 * are written back into the table, rows without a valid reply keep empty columns, and a second run finds nothing new.
 */
@ScriptedModelTest
class ClassifyFeedbackFromPostgresJobTest {

	private static final String JOB = "classify-feedback-postgres";

	private static final String SOURCE = "postgres:feedback";

	@Autowired
	JobRunner jobRunner;

	@Autowired
	SpecJobs jobs;

	@Autowired
	JdbcTemplate jdbc;

	@TempDir
	Path workDirectory;

	@BeforeAll
	static void loadSampleTable() {
		JobRuns.loadSampleTable("feedback");
	}

	@Test
	void storesEveryRowOnceWritesTheModelsLabelsBackAndAReviewersCorrectionsOnTheNextRun() throws Exception {
		JobRuns runs = new JobRuns(this.jobRunner, this.jobs, this.jdbc);
		List<Map<String, Object>> table = this.jdbc.queryForList("SELECT id::text AS id, text FROM feedback");
		assertThat(this.jobs.inputs(this.jobs.specs().get(JOB), null)).containsExactly(SOURCE);
		Path output = this.workDirectory.resolve("results.csv");

		JobExecution first = runs.run(JOB, null, output);

		assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(runs.results(JOB, SOURCE)).hasSize(table.size())
			.extracting(row -> row.get("record_id"))
			.doesNotHaveDuplicates();
		assertThat(Files.readAllLines(output)).as("header and one line per row").hasSize(table.size() + 1);
		for (Map<String, Object> row : table) {
			String text = row.get("text") == null ? "" : ((String) row.get("text")).toLowerCase(Locale.ROOT);
			Map<String, Object> labels = writtenBack(row.get("id"));
			if (text.isBlank() || text.contains("refund")) {
				assertThat(labels).as("no write-back without valid labels: %s", row.get("id"))
					.containsEntry("sentiment_label", null)
					.containsEntry("urgency_label", null);
			}
			else {
				assertThat(labels).as("row %s", row.get("id"))
					.containsEntry("sentiment_label", text.contains("late") ? "negative" : "positive")
					.containsEntry("urgency_label", text.contains("late") ? "high" : "low");
			}
		}

		this.jdbc.update("""
				UPDATE classification_result SET status = 'reviewed', labels = labels || '{"sentiment": "mixed"}'
				WHERE job_name = ? AND source = ? AND record_id = '1001'""", JOB, SOURCE);
		JobExecution second = runs.run(JOB, null, null);

		assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(second.getJobInstance().getInstanceId()).isNotEqualTo(first.getJobInstance().getInstanceId());
		assertThat(JobRuns.written(second)).as("nothing new").isZero();
		assertThat(runs.results(JOB, SOURCE)).hasSize(table.size());
		assertThat(writtenBack("1001")).as("the reviewer's label").containsEntry("sentiment_label", "mixed");
	}

	private Map<String, Object> writtenBack(Object id) {
		return this.jdbc.queryForMap("SELECT sentiment_label, urgency_label FROM feedback WHERE id::text = ?", id);
	}

}
