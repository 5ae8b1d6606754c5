package dev.sift.source;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamSupport;

/**
 * The restart bookkeeping every source shares: how many records were handed out, saved in the execution context at
 * each commit, so a restarted step knows where to continue and how much was done before.
 */
abstract class CountedSourceReader extends ItemStreamSupport implements CountingSource {

	private static final String READ_COUNT = "read.count";

	private long recordsHandedOut;

	@Override
	public final SourceRecord read() {
		SourceRecord record = readNext();
		if (record != null) {
			this.recordsHandedOut++;
			handedOut(record);
		}
		return record;
	}

	/** The next record, or {@code null} at the end. */
	protected abstract SourceRecord readNext();

	/** Called for each record {@link #read()} hands out. */
	protected void handedOut(SourceRecord record) {
	}

	/** Sets the count when (re)opening: 0 for a new run, the saved count for a restart. */
	protected final void resumeCountAt(long count) {
		this.recordsHandedOut = count;
	}

	@Override
	public long recordsReadBefore(ExecutionContext executionContext) {
		return executionContext.getLong(getExecutionContextKey(READ_COUNT), 0);
	}

	@Override
	public void update(ExecutionContext executionContext) {
		executionContext.putLong(getExecutionContextKey(READ_COUNT), this.recordsHandedOut);
	}

}
