package dev.sift.source;

import java.util.Optional;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/** A restartable source of records that can say how many it holds, so progress can show the time left. */
public interface CountingSource extends ItemStreamReader<SourceRecord> {

	/** Unusable rows come back as problem records, so reading throws nothing a caller must handle. */
	@Override
	SourceRecord read();

	/** Records in the whole source, problem records included. */
	long countRecords();

	/** Records read by earlier executions of a restarted step, as saved in its execution context. */
	long recordsReadBefore(ExecutionContext executionContext);

	/**
	 * Why the source could not be read to its end, once {@link #read()} has ended early because of it; empty
	 * otherwise. Such a source still hands out every record it could read, and the one it could not as a problem
	 * record, so the step can store them before it is failed with this reason.
	 */
	Optional<String> unreadable();

}
