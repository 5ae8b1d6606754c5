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
 */
public record CsvSourceSettings(Path file, String idColumn, String textColumn, List<String> extraColumns,
		char delimiter, Charset encoding) {

	public CsvSourceSettings {
		Objects.requireNonNull(file, "file");
		Objects.requireNonNull(idColumn, "idColumn");
		Objects.requireNonNull(textColumn, "textColumn");
		extraColumns = List.copyOf(extraColumns);
		Objects.requireNonNull(encoding, "encoding");
	}

	public boolean hasIdColumn() {
		return !idColumn.isBlank();
	}

	/** Columns {@code id} and {@code text}, no extra columns, comma-separated, UTF-8. */
	public static CsvSourceSettings of(Path file) {
		return new CsvSourceSettings(file, "id", "text", List.of(), ',', StandardCharsets.UTF_8);
	}

	public CsvSourceSettings withColumns(String idColumn, String textColumn) {
		return new CsvSourceSettings(file, idColumn, textColumn, extraColumns, delimiter, encoding);
	}

	public CsvSourceSettings withExtraColumns(String... extraColumns) {
		return new CsvSourceSettings(file, idColumn, textColumn, List.of(extraColumns), delimiter, encoding);
	}

	public CsvSourceSettings withDelimiter(char delimiter) {
		return new CsvSourceSettings(file, idColumn, textColumn, extraColumns, delimiter, encoding);
	}

	public CsvSourceSettings withEncoding(Charset encoding) {
		return new CsvSourceSettings(file, idColumn, textColumn, extraColumns, delimiter, encoding);
	}
}
