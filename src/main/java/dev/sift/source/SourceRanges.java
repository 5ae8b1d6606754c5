package dev.sift.source;

import java.util.Locale;
import java.util.Optional;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Reads a {@link SourceRange} back from a partition's execution context, and names the keys it is saved under: plain
 * strings and numbers under {@value #PREFIX}, so the context stays small and any worker can read it.
 */
final class SourceRanges {

	static final String PREFIX = "sift.range.";

	static final String KIND = PREFIX + "kind";

	static final String INDEX = PREFIX + "index";

	static final String PARTITIONS = PREFIX + "partitions";

	static final String FIRST_RECORD = PREFIX + "first-record";

	static final String RECORDS = PREFIX + "records";

	private SourceRanges() {
	}

	static Optional<SourceRange> from(ExecutionContext context) {
		if (!context.containsKey(KIND)) {
			return Optional.empty();
		}
		String kind = context.getString(KIND);
		return Optional.of(switch (kind) {
			case CsvRange.KIND -> CsvRange.readFrom(context);
			case KeyRange.KIND -> KeyRange.readFrom(context);
			default -> throw new IllegalArgumentException("the execution context holds a range of an unknown kind '"
					+ kind + "' (" + KIND + "); it was written by another version of Sift");
		});
	}

	/** Saves what every range has. */
	static void writeCommon(ExecutionContext context, String kind, SourceRange range) {
		context.putString(KIND, kind);
		context.putInt(INDEX, range.index());
		context.putInt(PARTITIONS, range.partitions());
		context.putLong(FIRST_RECORD, range.firstRecord());
		context.putLong(RECORDS, range.records());
	}

	/** {@code 1,234}, whatever the default locale groups digits with. */
	static String number(long value) {
		return String.format(Locale.ROOT, "%,d", value);
	}

	/** {@code record 5} or {@code records 5-9} of the source, counted from 1; what a range holds, for people. */
	static String records(String noun, long firstRecord, long records) {
		return records == 1 ? noun + " " + number(firstRecord + 1)
				: noun + "s " + number(firstRecord + 1) + "-" + number(firstRecord + records);
	}

}
