package dev.sift.job;

/**
 * How one run treats its source.
 *
 * @param reprocess process records that already have a current result, too
 * @param limit read at most this many records (counting those of earlier executions of a resumed run), or
 * {@code null} for all
 */
public record RunOptions(boolean reprocess, Long limit) {

	public static final RunOptions DEFAULTS = new RunOptions(false, null);

	public RunOptions {
		if (limit != null && limit < 1) {
			throw new IllegalArgumentException("limit must be at least 1, was " + limit);
		}
	}

}
