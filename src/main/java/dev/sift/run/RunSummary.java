package dev.sift.run;

import java.time.Duration;
import java.util.Locale;

import dev.sift.run.RunViews.RunCounts;

/**
 * What a finished run of a job did, as printed at the end of a command-line run.
 *
 * @param counts records of the run over all its executions: read, left unchanged, and results by status
 * @param elapsed wall-clock time of this execution
 * @param classifiedNow results written by this execution (a resumed run skips what earlier ones wrote)
 * @param resultsCsv the exported CSV file, or {@code null}
 * @param database where the results table lives
 */
public record RunSummary(String jobName, long runId, String status, RunCounts counts, Duration elapsed,
		long classifiedNow, String resultsCsv, String database) {

	public double recordsPerSecond() {
		double seconds = this.elapsed.toMillis() / 1000.0;
		return seconds <= 0 ? 0 : this.classifiedNow / seconds;
	}

	public String render() {
		return String.format(Locale.ROOT, """

				%s run %d: %s in %.1f s
				  records read        %6d
				  ok                  %6d
				  drafts              %6d
				  needing review      %6d
				  failed              %6d
				  unchanged, skipped  %6d
				  records per second  %9.2f
				  results table       classification_result (job_instance_id = %d) in %s
				  results CSV         %s
				""", this.jobName, this.runId, this.status, this.elapsed.toMillis() / 1000.0, this.counts.read(),
				this.counts.ok(), this.counts.draft(), this.counts.needsReview(), this.counts.failed(),
				this.counts.unchanged(), recordsPerSecond(),
				this.runId, this.database, this.resultsCsv == null ? "(none)" : this.resultsCsv) + nothingNewNote();
	}

	private String nothingNewNote() {
		if (this.counts.read() == 0 || this.counts.unchanged() < this.counts.read()) {
			return "";
		}
		return "  Nothing new: every record already has a result for this prompt version and text;"
				+ System.lineSeparator() + "  reprocess=true processes them again."
				+ System.lineSeparator();
	}

}
