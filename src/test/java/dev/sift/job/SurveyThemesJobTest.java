package dev.sift.job;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sift.run.JobRunner;
import dev.sift.testing.SiftIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped {@code survey-themes} job on its sample file and on its sample table, on the tiny random model: the
 * labels are noise, so the test checks that every answer is stored once, valid against the spec or with a reason,
 * and that a second run finds nothing new.
 */
@SiftIntegrationTest
class SurveyThemesJobTest {

	private static final int RESPONSES = 40;

	@Autowired
	JobRunner runner;

	@Autowired
	SpecJobs jobs;

	@Autowired
	JdbcTemplate jdbc;

	private JobRuns runs;

	@BeforeEach
	void setUp() {
		this.runs = new JobRuns(this.runner, this.jobs, this.jdbc);
	}

	@Test
	void classifiesEveryResponseOfTheSampleFileOnceAndASecondRunFindsNothingNew() throws Exception {
		JobExecution first = this.runs.run("survey-themes", null, null);

		assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<Map<String, Object>> results = this.runs.results("survey-themes", "jobs/samples/survey_responses.csv");
		assertThat(results).hasSize(RESPONSES);
		assertValid(results);
		assertThat(results).filteredOn(row -> "3014".equals(row.get("record_id")))
			.singleElement()
			.satisfies(row -> assertThat(row.get("reason")).asString().contains("line 21").contains("empty text"));

		JobExecution second = this.runs.run("survey-themes", null, null);

		assertThat(JobRuns.read(second)).isEqualTo(RESPONSES);
		assertThat(JobRuns.written(second)).as("nothing new").isZero();
	}

	@Test
	void classifiesEveryRowOfTheSampleTable() throws Exception {
		JobRuns.loadSampleTable("survey_responses");

		JobExecution execution = this.runs.run("survey-themes-postgres", null, null);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<Map<String, Object>> results = this.runs.results("survey-themes-postgres", "postgres:survey_responses");
		assertThat(results).hasSize(RESPONSES);
		assertValid(results);
	}

	/** Valid results carry every field of the spec within its bounds; the others say why not. */
	private void assertValid(List<Map<String, Object>> results) {
		TaskPrompt prompt = this.jobs.prompt("survey-themes");
		for (Map<String, Object> row : results) {
			if ("ok".equals(row.get("status"))) {
				assertThat(prompt.validate((String) row.get("raw_output")).isValid()).isTrue();
				JsonNode labels = JsonMapper.shared().readTree((String) row.get("labels"));
				assertThat(labels.propertyNames()).containsExactlyInAnyOrder("themes", "sentiment", "explains_score",
						"driver", "quote");
				assertThat(labels.get("explains_score").isBoolean()).isTrue();
				assertThat(labels.get("themes").size()).isBetween(1, 3);
			}
			else {
				assertThat(row.get("status")).isIn("needs_review", "failed");
				assertThat(row.get("reason")).asString().isNotBlank();
			}
		}
	}

}
