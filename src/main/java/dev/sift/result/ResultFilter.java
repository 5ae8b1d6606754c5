package dev.sift.result;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Which stored results to read; {@code null} (or an empty list) means any. Every value reaches the database as a
 * bound parameter, label field names included.
 *
 * @param jobs results of these jobs
 * @param jobInstanceId results stored last by this run (job instance)
 * @param source results of this input
 * @param statuses results in one of these statuses
 * @param label results whose field has this value, or holds it among its values
 * @param from results stored (last) at or after this instant
 * @param to results stored (last) before this instant
 */
public record ResultFilter(List<String> jobs, Long jobInstanceId, String source, List<ResultStatus> statuses,
		LabelFilter label, Instant from, Instant to) {

	public static final ResultFilter ALL = new ResultFilter(List.of(), null, null, List.of(), null, null, null);

	public ResultFilter {
		jobs = jobs == null ? List.of() : List.copyOf(jobs);
		statuses = statuses == null ? List.of() : List.copyOf(statuses);
	}

	/** Results of one job. */
	public static ResultFilter ofJob(String job) {
		return ALL.withJobs(List.of(job));
	}

	/** Results of one run in one status. */
	public static ResultFilter ofRun(long jobInstanceId, ResultStatus status) {
		return ALL.withInstance(jobInstanceId).withStatuses(List.of(status));
	}

	public ResultFilter withJobs(List<String> jobs) {
		return new ResultFilter(jobs, this.jobInstanceId, this.source, this.statuses, this.label, this.from, this.to);
	}

	public ResultFilter withInstance(Long jobInstanceId) {
		return new ResultFilter(this.jobs, jobInstanceId, this.source, this.statuses, this.label, this.from, this.to);
	}

	public ResultFilter withSource(String source) {
		return new ResultFilter(this.jobs, this.jobInstanceId, source, this.statuses, this.label, this.from, this.to);
	}

	public ResultFilter withStatuses(List<ResultStatus> statuses) {
		return new ResultFilter(this.jobs, this.jobInstanceId, this.source, statuses, this.label, this.from, this.to);
	}

	public ResultFilter withLabel(LabelFilter label) {
		return new ResultFilter(this.jobs, this.jobInstanceId, this.source, this.statuses, label, this.from, this.to);
	}

	public ResultFilter storedBetween(Instant from, Instant to) {
		return new ResultFilter(this.jobs, this.jobInstanceId, this.source, this.statuses, this.label, from, to);
	}

	/**
	 * Results whose field has this value, or holds it among its values (a list field).
	 *
	 * @param value a text, a number or a boolean, typed as the field's values are stored
	 */
	public record LabelFilter(String field, Object value) {

		public LabelFilter {
			Objects.requireNonNull(field, "field");
			Objects.requireNonNull(value, "value");
		}

	}

}
