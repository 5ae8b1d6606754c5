package dev.sift.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import dev.sift.run.JobRunner;
import dev.sift.testing.SiftIntegrationTest;
import dev.sift.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped {@code classify-feedback-postgres} job on the shipped sample table: every row stored once under the
 * table's name, the labels of ok results written back into the table, nothing new on a second run.
 */
@SiftIntegrationTest
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
		new ResourceDatabasePopulator(new FileSystemResource("sql/samples/feedback.sql"))
			.execute(TestDatabase.dataSource());
	}

	/** One test with two runs: each run of the tiny model costs seconds on two cores. */
	@Test
	void storesEveryRowOnceWritesOkLabelsBackAndASecondRunFindsNothingNew() throws Exception {
		long rowCount = this.jdbc.queryForObject("SELECT count(*) FROM feedback", Long.class);
		assertThat(this.jobs.inputs(this.jobs.specs().get(JOB), null)).containsExactly(SOURCE);
		Path output = this.workDirectory.resolve("results.csv");

		JobExecution first = run(output);

		assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<Map<String, Object>> rows = results();
		assertThat(rows).hasSize((int) rowCount);
		assertThat(rows).extracting(row -> row.get("record_id")).doesNotHaveDuplicates();
		assertThat(Files.readAllLines(output)).as("header and one line per row").hasSize((int) rowCount + 1);
		for (Map<String, Object> row : rows) {
			Map<String, Object> source = this.jdbc.queryForMap(
					"SELECT sentiment_label, urgency_label FROM feedback WHERE id::text = ?", row.get("record_id"));
			if ("ok".equals(row.get("status"))) {
				assertThat(row.get("labels")).asString()
					.contains("\"sentiment\": \"" + source.get("sentiment_label") + "\"")
					.contains("\"urgency\": \"" + source.get("urgency_label") + "\"");
			}
			else {
				assertThat(source.get("sentiment_label")).as("no write-back without labels").isNull();
				assertThat(row.get("reason")).asString().isNotBlank();
			}
		}

		JobExecution second = run(null);

		assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(second.getJobInstance().getInstanceId()).isNotEqualTo(first.getJobInstance().getInstanceId());
		assertThat(second.getStepExecutions())
			.filteredOn(step -> step.getStepName().equals(SpecJobs.PROCESS_STEP))
			.singleElement()
			.satisfies(step -> assertThat(step.getWriteCount()).as("nothing new").isZero());
		assertThat(results()).hasSize((int) rowCount);
	}

	private JobExecution run(Path output) throws Exception {
		return this.jobRunner.run(this.jobs.job(JOB), SpecJobs.runParameters(SOURCE, output, RunOptions.DEFAULTS), SpecJobs.INPUT);
	}

	private List<Map<String, Object>> results() {
		return this.jdbc.queryForList("SELECT record_id, status, reason, labels::text AS labels "
				+ "FROM classification_result WHERE source = ? AND job_name = ? ORDER BY source_line", SOURCE, JOB);
	}

}
