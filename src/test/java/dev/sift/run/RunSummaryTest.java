package dev.sift.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.sift.job.Progress;
import dev.sift.run.RunViews.RunCounts;
import dev.sift.run.RunViews.RunView;

class RunSummaryTest {

	@Test
	void aResumedRunCountsTimeAndSpeedOverAllItsExecutionsAndIsNamedByItsExecution() {
		RunCounts counts = new RunCounts(2000, 1998, 0, 0, 1900, 0, 90, 10, 0, 2000L);
		long elapsed = Duration.ofSeconds(400).toMillis();
		RunView run = new RunView(37, 12, "classify-feedback", "COMPLETED", false, "COMPLETED", "", Instant.EPOCH,
				Instant.EPOCH, Instant.EPOCH, Map.of(), counts,
				Progress.of(0, 2000, 2000L, Duration.ofMillis(elapsed)), 3, elapsed);

		String summary = new RunSummary(run, "/data/results/classify-feedback.csv", "jdbc:postgresql://db/sift")
			.render();

		assertThat(summary).contains("classify-feedback run 37: COMPLETED in 400.0 s (resumed: 3 executions of one run)")
			.containsPattern("records read\\s+2000")
			.containsPattern("records per second\\s+5.00")
			.contains("classification_result (job_instance_id = 12) in jdbc:postgresql://db/sift")
			.contains("results CSV         /data/results/classify-feedback.csv");
	}

	@Test
	void aRunThatExportedNothingNamesNoResultsFile() {
		RunCounts counts = new RunCounts(10, 10, 0, 0, 9, 0, 0, 1, 0, 30L);
		RunView run = new RunView(5, 5, "classify-feedback", "FAILED", false, "FAILED", "broken quoting",
				Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, Map.of(), counts, new Progress(10, 30L, 2.0, null), 1, 5000);

		String summary = new RunSummary(run, null, "jdbc:postgresql://db/sift").render();

		assertThat(summary).contains("classify-feedback run 5: FAILED in 5.0 s\n").doesNotContain("results CSV")
			.doesNotContain("resumed");
	}

}
