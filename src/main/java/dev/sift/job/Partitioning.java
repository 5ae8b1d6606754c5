package dev.sift.job;

import org.springframework.batch.core.step.Step;

/**
 * How the partitions of a run reach the processes that work on them. Sift's is Spring Batch Integration's remote
 * partitioning over a PostgreSQL-backed channel (in {@code dev.sift.worker}); a run split into partitions needs one.
 */
public interface Partitioning {

	/**
	 * The step that splits a run, hands its partitions to workers and waits until every one of them has ended, its
	 * counts then being the partitions' together.
	 */
	Step managerStep(PartitionedRun run);

}
