package dev.sift.source;

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

}
