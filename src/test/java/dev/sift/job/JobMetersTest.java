package dev.sift.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sift.run.JobRunner;
import dev.sift.run.RunViews;
import dev.sift.testing.ScriptedModelTest;

/**
 * The meters of a real run of a shipped job: {@code sift.records} goes up by the run's counts as the API shows them
 * (records read = ok + drafts + needs review + failed + unchanged), and Spring Batch observes the job, its steps and
 * its chunks.
 */
@ScriptedModelTest
class JobMetersTest {

	private static final String JOB = "classify-feedback";

	private static final int SAMPLE_RECORDS = 72;

	@Autowired
	JobRunner jobRunner;

	@Autowired
	SpecJobs jobs;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	RunViews runViews;

	@Autowired
	MeterRegistry meters;

	@Autowired
	PrometheusMeterRegistry prometheus;

	@TempDir
	Path directory;

	@Test
	void recordCountersGoUpByTheRunsCountsOnAFirstRunAndOnARunThatFindsEverythingUnchanged() throws Exception {
		Path input = Files.copy(Path.of("jobs/samples/feedback.csv"), this.directory.resolve("feedback.csv"));
		JobRuns runs = new JobRuns(this.jobRunner, this.jobs, this.jdbc);

		Map<String, Double> beforeFirst = records();
		JobExecution first = runs.run(JOB, input.toString(), null);
		Map<String, Double> afterFirst = records();

		assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		RunViews.RunCounts counts = this.runViews.find(first.getId()).counts();
		assertThat(counts.read()).isEqualTo(SAMPLE_RECORDS);
		assertThat(added(beforeFirst, afterFirst)).containsOnly(entry("ok", (double) counts.ok()),
				entry("draft", (double) counts.draft()), entry("needs_review", (double) counts.needsReview()),
				entry("failed", (double) counts.failed()), entry("unchanged", (double) counts.unchanged()));
		assertThat(added(beforeFirst, afterFirst).values().stream().mapToDouble(Double::doubleValue).sum())
			.as("every record read counted once")
			.isEqualTo(SAMPLE_RECORDS);
		assertThat(this.prometheus.scrape()).contains("sift_records_total{job_name=\"" + JOB + "\",status=\"ok\"}");

		JobExecution second = runs.run(JOB, input.toString(), null);

		RunViews.RunCounts again = this.runViews.find(second.getId()).counts();
		assertThat(again.unchanged()).as("precondition: the same records, already classified")
			.isEqualTo(SAMPLE_RECORDS);
		assertThat(added(afterFirst, records())).containsOnly(entry("ok", 0.0), entry("draft", 0.0),
				entry("needs_review", 0.0), entry("failed", 0.0), entry("unchanged", (double) SAMPLE_RECORDS));
	}

	@Test
	void batchObservesTheJobItsStepsItsChunksAndItsItems() throws Exception {
		Path input = Files.copy(Path.of("jobs/samples/feedback.csv"), this.directory.resolve("observed.csv"));
		long jobsBefore = timerCount("spring.batch.job", "spring.batch.job.name", JOB, "spring.batch.job.status",
				"COMPLETED");
		long processStepsBefore = timerCount("spring.batch.step", "spring.batch.step.job.name", JOB,
				"spring.batch.step.name", SpecJobs.PROCESS_STEP);
		long exportStepsBefore = timerCount("spring.batch.step", "spring.batch.step.job.name", JOB,
				"spring.batch.step.name", SpecJobs.EXPORT_STEP);
		long processedBefore = timerCount("spring.batch.item.process", "spring.batch.item.process.job.name", JOB,
				"spring.batch.item.process.step.name", SpecJobs.PROCESS_STEP);

		JobExecution execution = new JobRuns(this.jobRunner, this.jobs, this.jdbc).run(JOB, input.toString(), null);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(timerCount("spring.batch.job", "spring.batch.job.name", JOB, "spring.batch.job.status",
				"COMPLETED")).isEqualTo(jobsBefore + 1);
		assertThat(timerCount("spring.batch.step", "spring.batch.step.job.name", JOB, "spring.batch.step.name",
				SpecJobs.PROCESS_STEP)).isEqualTo(processStepsBefore + 1);
		assertThat(timerCount("spring.batch.step", "spring.batch.step.job.name", JOB, "spring.batch.step.name",
				SpecJobs.EXPORT_STEP)).isEqualTo(exportStepsBefore + 1);
		assertThat(timerCount("spring.batch.item.process", "spring.batch.item.process.job.name", JOB,
				"spring.batch.item.process.step.name", SpecJobs.PROCESS_STEP))
			.as("every record read went through the processor once")
			.isEqualTo(processedBefore + SAMPLE_RECORDS);
		assertThat(this.meters.find("spring.batch.chunk.write").tag("spring.batch.chunk.write.job.name", JOB).timers())
			.isNotEmpty();
	}

	/** {@code sift.records} of the job by status. */
	private Map<String, Double> records() {
		Map<String, Double> byStatus = new HashMap<>();
		for (Counter counter : this.meters.find(RecordMeters.NAME).tag("job.name", JOB).counters()) {
			byStatus.merge(counter.getId().getTag("status"), counter.count(), Double::sum);
		}
		return byStatus;
	}

	private static Map<String, Double> added(Map<String, Double> before, Map<String, Double> after) {
		Map<String, Double> added = new HashMap<>();
		after.forEach((status, count) -> added.put(status, count - before.getOrDefault(status, 0.0)));
		return added;
	}

	private long timerCount(String name, String... tags) {
		return this.meters.find(name).tags(tags).timers().stream().mapToLong(Timer::count).sum();
	}

}
