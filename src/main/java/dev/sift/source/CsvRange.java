package dev.sift.source;

import java.util.Map;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * A range of whole records of a CSV file, found by one pass over it, that a reader opens without reading the file
 * before it (except its header row).
 *
 * @param index the partition, from 0
 * @param partitions how many ranges the file was split into
 * @param startByte where the range's first record starts in the file (its comment lines included)
 * @param startLine the physical line that byte is on
 * @param startCharacter the parser's character position of that byte, so errors name the right line
 * @param firstRecord records of the file before the range
 * @param records records in the range, problem records included
 * @param earlierIds ids that appear in the range and were first seen before it, with that first line, so a repeat
 * is found as a duplicate as in a whole-file read
 * @param fileSize the file's size when it was split
 * @param lastModifiedMillis its modification time then: a changed file fails the partition instead of being misread
 */
public record CsvRange(int index, int partitions, long startByte, long startLine, long startCharacter,
		long firstRecord, long records, Map<String, Long> earlierIds, long fileSize, long lastModifiedMillis)
		implements SourceRange {

	public CsvRange {
		earlierIds = Map.copyOf(earlierIds);
	}

	@Override
	public String describe() {
		throw new UnsupportedOperationException("to be written");
	}

	@Override
	public void writeTo(ExecutionContext context) {
		throw new UnsupportedOperationException("to be written");
	}

}
