package dev.sift.source;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where a CSV source is and how to read it. Column names are matched against the header
 * case-insensitively and ignoring surrounding whitespace. An empty {@code idColumn} means the file
 * has none: records are then identified by the line they start on.
 *
 * @param textColumns the columns with the text, joined with a blank line between them (blank ones left out)
 * @param columns the names of the columns of a file without a header row, in file order; empty when the first
 *                row is a header
 * @param skipLines physical lines before the header (or the first record) that are not CSV, such as a tool's
 *                  console output; they are skipped unread, and lines keep their numbers in the file
 * @param commentMarker a character that starts comment lines, which are skipped; {@code null} for none
 */
public record CsvSourceSettings(Path file, String idColumn, List<String> textColumns, List<String> extraColumns,
		char delimiter, Charset encoding, List<String> columns, int skipLines, Character commentMarker) {

	public CsvSourceSettings {
		Objects.requireNonNull(file, "file");
		Objects.requireNonNull(idColumn, "idColumn");
		textColumns = List.copyOf(textColumns);
		if (textColumns.isEmpty()) {
			throw new IllegalArgumentException("at least one text column is needed");
		}
		extraColumns = List.copyOf(extraColumns);
		Objects.requireNonNull(encoding, "encoding");
		columns = List.copyOf(columns);
		if (skipLines < 0) {
			throw new IllegalArgumentException("skipLines must not be negative");
		}
	}

	public boolean hasIdColumn() {
		return !idColumn.isBlank();
	}

	public boolean hasHeader() {
		return columns.isEmpty();
	}

	/** Columns {@code id} and {@code text}, no extra columns, comma-separated, UTF-8, with a header row. */
	public static CsvSourceSettings of(Path file) {
		return new CsvSourceSettings(file, "id", List.of("text"), List.of(), ',', StandardCharsets.UTF_8, List.of(), 0,
				null);
	}

	public CsvSourceSettings withColumns(String idColumn, String... textColumns) {
		return new CsvSourceSettings(file, idColumn, List.of(textColumns), extraColumns, delimiter, encoding,
				columns, skipLines, commentMarker);
	}

	public CsvSourceSettings withExtraColumns(String... extraColumns) {
		return new CsvSourceSettings(file, idColumn, textColumns, List.of(extraColumns), delimiter, encoding,
				columns, skipLines, commentMarker);
	}

	public CsvSourceSettings withDelimiter(char delimiter) {
		return new CsvSourceSettings(file, idColumn, textColumns, extraColumns, delimiter, encoding,
				columns, skipLines, commentMarker);
	}

	public CsvSourceSettings withEncoding(Charset encoding) {
		return new CsvSourceSettings(file, idColumn, textColumns, extraColumns, delimiter, encoding,
				columns, skipLines, commentMarker);
	}

	/** Settings for a file whose first {@code lines} lines are not CSV. */
	public CsvSourceSettings withSkipLines(int lines) {
		return new CsvSourceSettings(file, idColumn, textColumns, extraColumns, delimiter, encoding, columns, lines,
				commentMarker);
	}

	/** Settings for a file whose lines starting with {@code marker} are comments. */
	public CsvSourceSettings withCommentMarker(char marker) {
		return new CsvSourceSettings(file, idColumn, textColumns, extraColumns, delimiter, encoding, columns, skipLines,
				marker);
	}

	/** Settings for a file without a header row, whose columns are named {@code names} in file order. */
	public CsvSourceSettings withoutHeader(String... names) {
		return new CsvSourceSettings(file, idColumn, textColumns, extraColumns, delimiter, encoding,
				List.of(names), skipLines, commentMarker);
	}
}
