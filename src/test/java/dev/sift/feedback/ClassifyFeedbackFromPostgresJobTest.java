package dev.sift.feedback;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import dev.sift.run.JobRunner;
import dev.sift.testing.SiftIntegrationTest;
import dev.sift.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** The classify-feedback job reading a table of the application's database instead of a CSV file. */
@SiftIntegrationTest
@TestPropertySource(properties = { "sift.feedback.source=postgres",
		"sift.feedback.table=" + ClassifyFeedbackFromPostgresJobTest.TABLE, "sift.feedback.text-columns=text",
		"sift.feedback.extra-columns=channel", "sift.feedback.page-size=3" })
class ClassifyFeedbackFromPostgresJobTest {

	static final String TABLE = "job_test_feedback";

	private static final String SOURCE = "postgres:" + TABLE;

	@Autowired
	JobRunner jobRunner;

	@Autowired
	Job classifyFeedbackJob;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	FeedbackProperties properties;

	@TempDir
	Path workDirectory;

	@BeforeAll
	static void createTable() {
		JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.dataSource());
		jdbc.execute("DROP TABLE IF EXISTS " + TABLE);
		jdbc.execute("CREATE TABLE " + TABLE + " (id bigint PRIMARY KEY, channel text, text text)");
		jdbc.update("INSERT INTO " + TABLE + " VALUES (1, 'email', 'Charged twice for one box'), "
				+ "(2, 'app', 'The app crashes on login'), (3, 'chat', '  '), (4, NULL, 'Great salmon, thanks!'), "
				+ "(5, 'phone', E'Late again.\\nThird time this month.'), (6, 'email', 'Tomaten waren matschig')");
	}

	/** One test with two runs: each run of the tiny model costs seconds on two cores. */
	@Test
	void storesEveryRowOnceUnderTheTableAndASecondRunAddsNoDuplicates() throws Exception {
		assertThat(this.properties.sourceId()).isEqualTo(SOURCE);

		Path output = this.workDirectory.resolve("results.csv");
		JobExecution first = run(output);

		assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<Map<String, Object>> rows = results();
		assertThat(rows).extracting(row -> row.get("record_id")).containsExactly("1", "2", "3", "4", "5", "6");
		assertThat(rows).extracting(row -> row.get("source_line")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
		assertThat(rows.get(0).get("fields")).asString().contains("email");
		assertThat(rows.get(2).get("status")).isEqualTo("failed");
		assertThat(rows.get(2).get("reason")).asString().contains(SOURCE).contains("empty text");
		assertThat(Files.readAllLines(output)).as("header and one line per row").hasSize(7);

		JobExecution second = run(null);

		assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(second.getJobInstance().getInstanceId()).isNotEqualTo(first.getJobInstance().getInstanceId());
		assertThat(results()).hasSize(6);
	}

	private JobExecution run(Path output) throws Exception {
		return this.jobRunner.run(this.classifyFeedbackJob,
				ClassifyFeedbackJobConfiguration.runParameters(this.properties.sourceId(), output),
				ClassifyFeedbackJobConfiguration.INPUT);
	}

	private List<Map<String, Object>> results() {
		return this.jdbc.queryForList("SELECT record_id, source_line, status, reason, fields::text AS fields "
				+ "FROM classification_result WHERE source = ? ORDER BY source_line", SOURCE);
	}

}
