package dev.sift.run;

import java.util.Locale;

import dev.sift.run.RunViews.RunView;

/**
 * What a finished run of a job did, as printed at the end of a command-line run: its counts, time and speed over
 * all its executions (a resumed run goes on from earlier ones), and where its results are.
 *
 * @param resultsCsv the CSV file the run exported, or {@code null} when it wrote none
 * @param database where the results table lives
 */
public record RunSummary(RunView run, String resultsCsv, String database) {

	/** Records read per second of the run's time, over all its executions. */
	public double recordsPerSecond() {
		Double rate = this.run.progress().recordsPerSecond();
		return rate == null ? 0 : rate;
	}

	public String render() {
		RunViews.RunCounts counts = this.run.counts();
		return String.format(Locale.ROOT, """

				%s run %d: %s in %.1f s%s
				  records read        %6d
				  ok                  %6d
				  drafts              %6d
				  needing review      %6d
				  failed              %6d
				  unchanged, skipped  %6d
				  records per second  %9.2f
				  results table       classification_result (job_instance_id = %d) in %s
				""", this.run.job(), this.run.id(), this.run.status(), this.run.elapsedMillis() / 1000.0,
				resumed(), counts.read(), counts.ok(), counts.draft(), counts.needsReview(), counts.failed(),
				counts.unchanged(), recordsPerSecond(), this.run.instanceId(), this.database)
				+ (this.resultsCsv == null ? "" : "  results CSV         " + this.resultsCsv + System.lineSeparator())
				+ nothingNewNote();
	}

	private String resumed() {
		int earlier = this.run.executions() - 1;
		return earlier <= 0 ? "" : " (resumed: " + this.run.executions() + " executions of one run)";
	}

	private String nothingNewNote() {
		RunViews.RunCounts counts = this.run.counts();
		if (counts.read() == 0 || counts.unchanged() < counts.read()) {
			return "";
		}
		return "  Nothing new: every record already has a result for this prompt version and text;"
				+ System.lineSeparator() + "  reprocess=true processes them again." + System.lineSeparator();
	}

}
