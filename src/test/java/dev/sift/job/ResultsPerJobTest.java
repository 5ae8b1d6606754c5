package dev.sift.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sift.run.JobRunner;
import dev.sift.testing.ScriptedModelTest;

/**
 * Two jobs with the same task (a copied spec) on the same file: each keeps its own results. The second neither takes
 * the first's results for its own (as unchanged records, or as its failed rows) nor exports them.
 */
@ScriptedModelTest
class ResultsPerJobTest {

	private static final int SAMPLE_RECORDS = 72;

	private static Path directory;

	@Autowired
	JobRunner jobRunner;

	@Autowired
	SpecJobs jobs;

	@Autowired
	JdbcTemplate jdbc;

	/** The shipped classify-feedback spec twice, under two names, both reading one copy of the sample. */
	@DynamicPropertySource
	static void twoJobsOnOneFile(DynamicPropertyRegistry registry) {
		try {
			directory = Files.createTempDirectory("sift-results-per-job-");
			Path input = Files.copy(Path.of("jobs/samples/feedback.csv"), directory.resolve("feedback.csv"));
			String spec = Files.readString(Path.of("jobs/classify-feedback.yml"))
				.replace("path: jobs/samples/feedback.csv", "path: " + input)
				.replaceAll("(?m)^schedule:.*(\\R[ \\t].*)*", "");
			Path jobsDirectory = Files.createDirectories(directory.resolve("jobs"));
			Files.writeString(jobsDirectory.resolve("first.yml"), spec.replace("name: classify-feedback", "name: first"));
			Files.writeString(jobsDirectory.resolve("second.yml"),
					spec.replace("name: classify-feedback", "name: second"));
			registry.add("sift.jobs.dir", jobsDirectory::toString);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void aCopiedJobOnTheSameFileProcessesEveryRecordItselfAndExportsOnlyItsOwnResults() throws Exception {
		JobRuns runs = new JobRuns(this.jobRunner, this.jobs, this.jdbc);
		assertThat(this.jobs.promptVersion("second")).as("the same task").isEqualTo(this.jobs.promptVersion("first"));
		Path input = directory.resolve("feedback.csv");

		JobExecution first = runs.run("first", null, directory.resolve("first.csv"));
		JobExecution second = runs.run("second", null, directory.resolve("second.csv"));

		assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(JobRuns.written(second)).as("none of the first job's results counts as the second's")
			.isEqualTo(SAMPLE_RECORDS);
		assertThat(runs.results("first", input.toString())).hasSize(SAMPLE_RECORDS);
		assertThat(runs.results("second", input.toString())).hasSize(SAMPLE_RECORDS);
		assertThat(this.jdbc.queryForList("""
				SELECT DISTINCT job_name FROM classification_result WHERE source = ? AND status = 'failed'
				ORDER BY job_name""", String.class, input.toRealPath().toString()))
			.containsExactly("first", "second");
		try (CSVParser exported = CSVFormat.RFC4180.builder()
			.setHeader()
			.get()
			.parse(Files.newBufferedReader(directory.resolve("second.csv")))) {
			assertThat(exported.getRecords()).as("one row per record, with the second job's results")
				.hasSize(SAMPLE_RECORDS)
				.allSatisfy(row -> assertThat(row.get("status")).isNotEmpty());
		}
	}

}
