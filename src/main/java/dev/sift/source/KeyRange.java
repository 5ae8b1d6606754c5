package dev.sift.source;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static dev.sift.source.SourceRanges.PREFIX;

/**
 * A range of ids of a PostgreSQL table or query, in the id column's own order.
 *
 * @param index the partition, from 0
 * @param partitions how many ranges the source was split into
 * @param source the source's name ({@link PostgresSourceSettings#sourceName()})
 * @param afterId the range holds ids after this one (PostgreSQL's text form); {@code null} for the first range
 * @param lastId and up to this one, included; {@code null} for the one range of a source without rows, which holds
 * none
 * @param firstRecord rows before the range
 * @param records rows in the range when it was split
 */
public record KeyRange(int index, int partitions, String source, String afterId, String lastId, long firstRecord,
		long records) implements SourceRange {

	static final String KIND = "keys";

	private static final String SOURCE = PREFIX + "source";

	private static final String AFTER_ID = PREFIX + "after-id";

	private static final String LAST_ID = PREFIX + "last-id";

	/** {@code ids after 1000 up to 2000 of postgres:feedback (rows 1,001-2,000)}. */
	@Override
	public String describe() {
		if (lastId == null) {
			return "no rows of " + source;
		}
		return "ids " + (afterId == null ? "" : "after " + afterId + " ") + "up to " + lastId + " of " + source + " ("
				+ SourceRanges.records("row", firstRecord, records) + ")";
	}

	@Override
	public void writeTo(ExecutionContext context) {
		SourceRanges.writeCommon(context, KIND, this);
		context.putString(SOURCE, source);
		putOrRemove(context, AFTER_ID, afterId);
		putOrRemove(context, LAST_ID, lastId);
	}

	static KeyRange readFrom(ExecutionContext context) {
		return new KeyRange(context.getInt(SourceRanges.INDEX), context.getInt(SourceRanges.PARTITIONS),
				context.getString(SOURCE), stringOrNull(context, AFTER_ID), stringOrNull(context, LAST_ID),
				context.getLong(SourceRanges.FIRST_RECORD), context.getLong(SourceRanges.RECORDS));
	}

	private static void putOrRemove(ExecutionContext context, String key, String value) {
		if (value == null) {
			context.remove(key);
		}
		else {
			context.putString(key, value);
		}
	}

	private static String stringOrNull(ExecutionContext context, String key) {
		return context.containsKey(key) ? context.getString(key) : null;
	}

}
