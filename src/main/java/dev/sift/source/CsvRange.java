package dev.sift.source;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import tools.jackson.databind.json.JsonMapper;

import static dev.sift.source.SourceRanges.PREFIX;
import static dev.sift.source.SourceRanges.number;

/**
 * A range of whole records of a CSV file, found by one pass over it, that a reader opens without reading the file
 * before it (except its header row).
 *
 * @param index the partition, from 0
 * @param partitions how many ranges the file was split into
 * @param file the file, as the settings it was split with name it
 * @param startByte where the range's first record starts in the file (its comment lines included); 0 for the one range
 * of a file whose encoding cannot be split, which is read from the file's start
 * @param startLine the physical line that byte is on
 * @param endLine the range's last line: the last line of its last record, or the line before the next range
 * @param firstRecord records of the file before the range
 * @param records records in the range, problem records included
 * @param earlierIds ids that appear in the range and were first seen before it, with that first line, so a repeat
 * is found as a duplicate as in a whole-file read
 * @param fileSize the file's size when it was split
 * @param lastModifiedMillis its modification time then: a changed file fails the partition instead of being misread
 */
public record CsvRange(int index, int partitions, Path file, long startByte, long startLine, long endLine,
		long firstRecord, long records, Map<String, Long> earlierIds, long fileSize, long lastModifiedMillis)
		implements SourceRange {

	static final String KIND = "csv";

	private static final String FILE = PREFIX + "file";

	private static final String START_BYTE = PREFIX + "start-byte";

	private static final String START_LINE = PREFIX + "start-line";

	private static final String END_LINE = PREFIX + "end-line";

	/** A JSON object of id and line: the only map, and a string any execution context serializer keeps as it is. */
	private static final String EARLIER_IDS = PREFIX + "earlier-ids";

	private static final String FILE_SIZE = PREFIX + "file-size";

	private static final String LAST_MODIFIED = PREFIX + "last-modified-millis";

	public CsvRange {
		earlierIds = Map.copyOf(earlierIds);
	}

	/** {@code lines 1,204-2,410 of /data/x.csv (records 1,001-2,000)}. */
	@Override
	public String describe() {
		if (records == 0) {
			return "no records of " + file;
		}
		String lines = startLine == endLine ? "line " + number(startLine)
				: "lines " + number(startLine) + "-" + number(endLine);
		return lines + " of " + file + " (" + SourceRanges.records("record", firstRecord, records) + ")";
	}

	@Override
	public void writeTo(ExecutionContext context) {
		SourceRanges.writeCommon(context, KIND, this);
		context.putString(FILE, file.toString());
		context.putLong(START_BYTE, startByte);
		context.putLong(START_LINE, startLine);
		context.putLong(END_LINE, endLine);
		context.putString(EARLIER_IDS, JsonMapper.shared().writeValueAsString(new TreeMap<>(earlierIds)));
		context.putLong(FILE_SIZE, fileSize);
		context.putLong(LAST_MODIFIED, lastModifiedMillis);
	}

	static CsvRange readFrom(ExecutionContext context) {
		return new CsvRange(context.getInt(SourceRanges.INDEX), context.getInt(SourceRanges.PARTITIONS),
				Path.of(context.getString(FILE)), context.getLong(START_BYTE), context.getLong(START_LINE),
				context.getLong(END_LINE), context.getLong(SourceRanges.FIRST_RECORD),
				context.getLong(SourceRanges.RECORDS),
				JsonMapper.shared().readerForMapOf(Long.class).readValue(context.getString(EARLIER_IDS)),
				context.getLong(FILE_SIZE), context.getLong(LAST_MODIFIED));
	}

}
