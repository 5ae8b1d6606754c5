package dev.sift.source;

import java.util.Optional;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The part of a source one partition of a run reads: a range of whole records of a CSV file ({@link CsvRange}) or a
 * range of ids of a PostgreSQL table or query ({@link KeyRange}). A run split into partitions hands each one its range
 * in the partition's execution context, so any worker can open a reader at it.
 */
public sealed interface SourceRange permits CsvRange, KeyRange {

	/** The partition this range is, from 0. */
	int index();

	/** How many ranges the source was split into. */
	int partitions();

	/** Records of the source before this range. */
	long firstRecord();

	/** Records in this range, problem records included. */
	long records();

	/** Where the range is, for people: lines and records of a file, ids of a table. */
	String describe();

	/** Saves the range in a partition's execution context. */
	void writeTo(ExecutionContext context);

	/** The range a partition's execution context holds; empty for a step that reads its whole source. */
	static Optional<SourceRange> from(ExecutionContext context) {
		return SourceRanges.from(context);
	}

}
