package dev.sift.result;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many results are in each status now, for a run or a job.
 *
 * @param byStatus count per status; a status without results may be missing
 */
public record StatusCounts(Map<ResultStatus, Long> byStatus) {

	public StatusCounts {
		EnumMap<ResultStatus, Long> copy = new EnumMap<>(ResultStatus.class);
		copy.putAll(byStatus);
		byStatus = Collections.unmodifiableMap(copy);
	}

	public long of(ResultStatus status) {
		return this.byStatus.getOrDefault(status, 0L);
	}

	public long ok() {
		return of(ResultStatus.OK);
	}

	public long draft() {
		return of(ResultStatus.DRAFT);
	}

	public long needsReview() {
		return of(ResultStatus.NEEDS_REVIEW);
	}

	public long failed() {
		return of(ResultStatus.FAILED);
	}

	/** Results a person has decided on since: reviewed, approved or rejected. */
	public long decided() {
		return ResultStatus.DECIDED.stream().mapToLong(this::of).sum();
	}

	public long total() {
		return this.byStatus.values().stream().mapToLong(Long::longValue).sum();
	}

}
