package dev.sift.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sift.run.JobRunner;
import dev.sift.testing.SampleReplies;
import dev.sift.testing.ScriptedModelTest;

/**
 * The shipped {@code survey-themes} job on its sample file and on its sample table, through the scripted model: every
 * answer is stored once with the themes, sentiment, yes/no answer, driver and quote the model gave (typed as the spec
 * says), the answer without a comment fails with its line, and a second run finds nothing new.
 */
@ScriptedModelTest
class SurveyThemesJobTest {

	private static final int RESPONSES = 40;

	/** The one answer whose comment says "late" (a late box, score 3). */
	private static final String LATE = "3003";

	/** The answer without a comment, on line 21. */
	private static final String WITHOUT_COMMENT = "3014";

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
	void storesEveryResponseOfTheSampleFileOnceWithTheModelsAnswersAndASecondRunFindsNothingNew() throws Exception {
		JobExecution first = this.runs.run("survey-themes", null, null);

		assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Map<String, Map<String, Object>> results = JobRuns.byRecord(
				this.runs.results("survey-themes", "jobs/samples/survey_responses.csv"));
		assertExpectedAnswers(results);
		assertThat(results.get(WITHOUT_COMMENT).get("reason")).asString().contains("line 21").contains("empty text");

		JobExecution second = this.runs.run("survey-themes", null, null);

		assertThat(JobRuns.read(second)).isEqualTo(RESPONSES);
		assertThat(JobRuns.written(second)).as("nothing new").isZero();
	}

	@Test
	void storesEveryRowOfTheSampleTableUnderTheTablesName() throws Exception {
		JobRuns.loadSampleTable("survey_responses");

		JobExecution execution = this.runs.run("survey-themes-postgres", null, null);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertExpectedAnswers(JobRuns.byRecord(this.runs.results("survey-themes-postgres", "postgres:survey_responses")));
	}

	private static void assertExpectedAnswers(Map<String, Map<String, Object>> results) {
		assertThat(results).hasSize(RESPONSES);
		assertThat(results.values()).filteredOn(row -> row.get("status").equals("ok")).hasSize(RESPONSES - 1);
		assertThat(results.get(WITHOUT_COMMENT)).containsEntry("status", "failed");
		assertThat(JobRuns.labels(results.get(LATE))).isEqualTo(Map.of("themes", List.of("delivery"), "sentiment", "negative",
				"explains_score", true, "driver", "detractor_driver", "quote", SampleReplies.QUOTE));
		assertThat(JobRuns.labels(results.get("3001"))).isEqualTo(Map.of("themes", List.of("quality"), "sentiment", "positive",
				"explains_score", false, "driver", "promoter_driver", "quote", SampleReplies.QUOTE));
	}


}
