package dev.sift.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns parsed rows into source records and decides which of them cannot be used. Remembers the
 * ids seen so far, so it must see every row of a file in order, or of a range of it knowing the ids seen before that
 * recur in it; counts the problems it finds by kind.
 */
final class RowValidator {

	private static final char REPLACEMENT_CHARACTER = '\uFFFD';

	private final String source;
	private final ColumnLayout layout;
	private final CsvSourceSettings settings;
	private final Map<String, Long> firstLineById = new HashMap<>();

	private final Map<RowProblem, Long> problemCounts = new EnumMap<>(RowProblem.class);

	private final Map<String, List<Long>> duplicateLines = new LinkedHashMap<>();

	/** @param earlierIds ids seen before the first row this validator sees, with their first line */
	RowValidator(CsvSourceSettings settings, ColumnLayout layout, Map<String, Long> earlierIds) {
		this.source = settings.file().toString();
		this.settings = settings;
		this.layout = layout;
		this.firstLineById.putAll(earlierIds);
	}

	SourceRecord validate(CsvRow row) {
		if (!fits(row)) {
			count(RowProblem.WRONG_FIELD_COUNT);
			return wrongFieldCount(row);
		}
		if (!settings.hasHeader() && namesTheColumns(row)) {
			count(RowProblem.HEADER_ROW);
			return SourceRecord.problem(source, row.line(), String.join(String.valueOf(settings.delimiter()),
					row.values()), "the row holds the column names: the file has a header row here, so remove "
							+ "'header: false' and 'columns'" + (row.line() > 1 ? " and set 'skip-lines: "
									+ (row.line() - 1) + "' for the lines before it" : ""));
		}
		String fileId = layout.idIndex() == ColumnLayout.NO_COLUMN ? null : row.value(layout.idIndex()).strip();
		String text = SourceRecord.joinText(layout.textIndexes().stream().map(row::value).toList());
		List<String> problems = new ArrayList<>();
		if (containsUndecodableBytes(row)) {
			count(RowProblem.INVALID_BYTES);
			problems.add("invalid " + settings.encoding().name() + " bytes (shown as " + REPLACEMENT_CHARACTER + ")");
		}
		String id = usableId(fileId, row.line(), problems);
		if (text.isEmpty()) {
			count(RowProblem.EMPTY_TEXT);
			problems.add("empty text");
		}
		Map<String, String> fields = extraFields(row);
		return problems.isEmpty()
				? SourceRecord.good(source, id, text, fields, row.line())
				: SourceRecord.problem(source, id, text, fields, row.line(), String.join("; ", problems));
	}

	/** Whether the row has as many values as the header has columns, so each value is in its column. */
	boolean fits(CsvRow row) {
		return row.size() == layout.fieldCount();
	}

	/**
	 * Files without an id column are identified by line. A missing or repeated id is replaced by the line-based id: keeping a repeated one would let
	 * storage overwrite the first record with the second.
	 */
	private String usableId(String fileId, long line, List<String> problems) {
		if (fileId == null) {
			return SourceRecord.syntheticId(line);
		}
		if (fileId.isEmpty()) {
			count(RowProblem.EMPTY_ID);
			problems.add("empty id");
			return SourceRecord.syntheticId(line);
		}
		Long firstLine = firstLineById.putIfAbsent(fileId, line);
		if (firstLine != null) {
			count(RowProblem.DUPLICATE_ID);
			this.duplicateLines.computeIfAbsent(fileId, repeated -> new ArrayList<>(List.of(firstLine))).add(line);
			problems.add("duplicate id '" + fileId + "', first seen on line " + firstLine);
			return SourceRecord.syntheticId(line);
		}
		return fileId;
	}

	/** A row of a file without a header whose values are the configured column names, as a header's would be. */
	private boolean namesTheColumns(CsvRow row) {
		List<String> names = settings.columns();
		for (int i = 0; i < names.size(); i++) {
			if (!row.value(i).strip().equalsIgnoreCase(names.get(i).strip())) {
				return false;
			}
		}
		return true;
	}

	/** How many rows so far had each kind of problem; a row may have several. */
	Map<RowProblem, Long> problemCounts() {
		return Collections.unmodifiableMap(this.problemCounts);
	}

	/** The ids seen more than once so far, in the order of their first repetition, with every line they are on. */
	Map<String, List<Long>> duplicateIds() {
		return Collections.unmodifiableMap(this.duplicateLines);
	}

	private void count(RowProblem problem) {
		this.problemCounts.merge(problem, 1L, Long::sum);
	}

	/** Columns may be shifted, so no value of the row is trusted; the raw values are kept for inspection. */
	private SourceRecord wrongFieldCount(CsvRow row) {
		String rawValues = String.join(String.valueOf(settings.delimiter()), row.values());
		return SourceRecord.problem(source, row.line(), rawValues,
				"expected " + layout.fieldCount() + " fields, found " + row.size());
	}

	private Map<String, String> extraFields(CsvRow row) {
		Map<String, String> fields = new LinkedHashMap<>();
		layout.extraIndexes().forEach((column, index) -> fields.put(column, row.value(index).strip()));
		return fields;
	}

	/**
	 * The decoder replaces malformed bytes with U+FFFD. A genuine U+FFFD in the file is flagged too,
	 * which is right: it means the text was already damaged before it reached us.
	 */
	private static boolean containsUndecodableBytes(CsvRow row) {
		return row.values().stream().anyMatch(value -> value.indexOf(REPLACEMENT_CHARACTER) >= 0);
	}
}
