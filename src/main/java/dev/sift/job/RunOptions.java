package dev.sift.job;

import dev.sift.definition.JobSpec;

/**
 * How one run treats its source.
 *
 * @param reprocess process records that already have a current result, too
 * @param limit read at most this many records (counting those of earlier executions of a resumed run), or
 * {@code null} for all
 * @param partitions split the run into this many partitions for workers, instead of the spec's {@code partitions};
 * {@code null} for the spec's
 */
public record RunOptions(boolean reprocess, Long limit, Integer partitions) {

	public static final RunOptions DEFAULTS = new RunOptions(false, null, null);

	/** As many partitions as the spec says. */
	public RunOptions(boolean reprocess, Long limit) {
		this(reprocess, limit, null);
	}

	public RunOptions {
		if (limit != null && limit < 1) {
			throw new IllegalArgumentException("limit must be at least 1, was " + limit);
		}
		if (partitions != null && (partitions < 1 || partitions > MAX_PARTITIONS)) {
			throw new IllegalArgumentException("partitions must be 1 to " + MAX_PARTITIONS + ", was " + partitions);
		}
	}

	/** As many as a spec may ask for. */
	public static final int MAX_PARTITIONS = JobSpec.MAX_PARTITIONS;

}
