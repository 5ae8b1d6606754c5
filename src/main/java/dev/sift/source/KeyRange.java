package dev.sift.source;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * A range of ids of a PostgreSQL table or query, in the id column's own order.
 *
 * @param index the partition, from 0
 * @param partitions how many ranges the source was split into
 * @param afterId the range holds ids after this one (PostgreSQL's text form); {@code null} for the first range
 * @param lastId and up to this one, included
 * @param firstRecord rows before the range
 * @param records rows in the range when it was split
 */
public record KeyRange(int index, int partitions, String afterId, String lastId, long firstRecord, long records)
		implements SourceRange {

	@Override
	public String describe() {
		throw new UnsupportedOperationException("to be written");
	}

	@Override
	public void writeTo(ExecutionContext context) {
		throw new UnsupportedOperationException("to be written");
	}

}
