package dev.sift.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sift.definition.FieldSpec;
import dev.sift.definition.JobSpec;
import dev.sift.run.JobRunner;
import dev.sift.testing.SiftIntegrationTest;

/**
 * The classify-feedback job on the real java-llama.cpp path, with the generated tiny model (random weights: the
 * labels are noise, so the test checks what the grammar and the job guarantee whatever the model says): every record
 * is stored once; the unreadable rows, and only they, fail; grammar-constrained replies give valid results, each
 * label one the spec allows; every other result says why.
 */
@SiftIntegrationTest
class RealModelJobTest {

	private static final String JOB = "classify-feedback";

	private static final int SAMPLE_RECORDS = 72;

	@Autowired
	JobRunner jobRunner;

	@Autowired
	SpecJobs jobs;

	@Autowired
	JdbcTemplate jdbc;

	@TempDir
	Path workDirectory;

	@Test
	void everyRecordOfTheSampleIsStoredOnceWithLabelsTheSpecAllowsOrAReason() throws Exception {
		Path input = Files.copy(Path.of("jobs/samples/feedback.csv"), this.workDirectory.resolve("feedback.csv"));
		JobRuns runs = new JobRuns(this.jobRunner, this.jobs, this.jdbc);

		JobExecution execution = runs.run(JOB, input.toString(), null);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<Map<String, Object>> rows = runs.results(JOB, input.toString());
		assertThat(rows).hasSize(SAMPLE_RECORDS).extracting(row -> row.get("record_id")).doesNotHaveDuplicates();
		assertThat(rows).filteredOn(row -> row.get("status").equals("failed"))
			.extracting(row -> row.get("record_id"))
			.containsExactlyInAnyOrder("FB-1026", "line-50");
		assertThat(rows).filteredOn(row -> row.get("status").equals("ok"))
			.as("replies constrained by the grammar are mostly valid")
			.isNotEmpty();
		JobSpec spec = this.jobs.specs().get(JOB);
		for (Map<String, Object> row : rows) {
			assertThat(row.get("status")).isIn("ok", "needs_review", "failed");
			if (row.get("status").equals("ok")) {
				assertLabelsAllowed(spec, JobRuns.labels(row));
			}
			else {
				assertThat(row.get("reason")).as("reason of %s", row.get("record_id")).asString().isNotBlank();
			}
		}
		assertThat(rows).filteredOn(row -> row.get("status").equals("needs_review"))
			.allSatisfy(row -> assertThat(row.get("raw_output")).as("the reply a reviewer starts from").isNotNull());
	}

	private static void assertLabelsAllowed(JobSpec spec, Map<String, Object> labels) {
		assertThat(labels.keySet()).containsExactlyInAnyOrderElementsOf(
				spec.task().fields().stream().map(FieldSpec::name).toList());
		for (FieldSpec field : spec.task().fields()) {
			Object value = labels.get(field.name());
			switch (field.type()) {
				case LABEL -> assertThat(field.labels()).containsKey((String) value);
				case LABELS -> assertThat((List<?>) value).hasSizeBetween(field.minItems(), field.maxItems())
					.doesNotHaveDuplicates()
					.allSatisfy(label -> assertThat(field.labels()).containsKey((String) label));
				case TEXT -> assertThat((String) value).isNotBlank().hasSizeLessThanOrEqualTo(field.maxLength());
				default -> {
				}
			}
		}
	}

}
