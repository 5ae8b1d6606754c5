package dev.sift.definition;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads the {@code source} section of a spec: a CSV file or a postgres table or query. */
final class SourceReader {

	private static final List<String> SOURCE_TYPES = List.of("csv", "postgres");

	private static final List<String> CSV_KEYS = List.of("type", "path", "delimiter", "encoding", "header",
			"columns", "skip-lines", "comment", "id-column", "text-columns", "extra-columns");

	private static final List<String> POSTGRES_KEYS = List.of("type", "table", "query", "id-column", "text-columns",
			"extra-columns", "updated-at-column", "page-size");

	private static final int DEFAULT_PAGE_SIZE = 500;

	private final SpecFile file;

	SourceReader(SpecFile file) {
		this.file = file;
	}

	SourceSpec read(YamlMap source) {
		if (source == null) {
			return null;
		}
		String type = SpecValues.oneOf(this.file, source, "type", SOURCE_TYPES, "source type");
		if (type == null) {
			List<String> keys = new ArrayList<>(CSV_KEYS);
			POSTGRES_KEYS.stream().filter(key -> !keys.contains(key)).forEach(keys::add);
			source.allowOnly(keys);
			return null;
		}
		return type.equals("csv") ? csv(source) : postgres(source);
	}

	private CsvSourceSpec csv(YamlMap source) {
		int before = this.file.problemCount();
		source.allowOnly(CSV_KEYS);
		String path = source.requiredString("path");
		char delimiter = delimiter(source);
		Charset encoding = encoding(source);
		Boolean header = source.bool("header");
		List<String> columns = source.strings("columns");
		Integer skipLines = source.integer("skip-lines");
		if (skipLines != null && skipLines < 0) {
			this.file.problem(source.line("skip-lines"), "skip-lines must be 0 or more, not " + skipLines);
		}
		Character comment = comment(source, delimiter);
		if (Boolean.FALSE.equals(header) && (columns == null || columns.isEmpty()) && !source.has("columns")) {
			this.file.problem(source.line("header"), "a file without a header row needs 'columns'",
					"name the file's columns in order, e.g. columns: [id, text]");
		}
		if (!Boolean.FALSE.equals(header) && source.has("columns")) {
			this.file.problem(source.line("columns"), "'columns' is only for files without a header row",
					"remove 'columns', or set 'header: false'");
		}
		String idColumn = source.has("id-column") ? source.string("id-column") : "";
		List<String> textColumns = textColumns(source);
		List<String> extraColumns = source.strings("extra-columns");
		if (Boolean.FALSE.equals(header) && columns != null) {
			if (idColumn != null && !idColumn.isEmpty()) {
				checkNamed(source, "id-column", idColumn, columns);
			}
			if (textColumns != null) {
				textColumns.forEach(column -> checkNamed(source, "text-columns", column, columns));
			}
			if (extraColumns != null) {
				extraColumns.forEach(column -> checkNamed(source, "extra-columns", column, columns));
			}
		}
		if (this.file.problemCount() > before) {
			return null;
		}
		return new CsvSourceSpec(path, delimiter, encoding, header == null || header,
				columns == null ? List.of() : columns, idColumn, textColumns,
				extraColumns == null ? List.of() : extraColumns, skipLines == null ? 0 : skipLines, comment);
	}

	private void checkNamed(YamlMap source, String key, String column, List<String> columns) {
		if (!columns.contains(column)) {
			this.file.problem(source.line(key), "'" + column + "' is not one of the file's 'columns'",
					SpecValues.suggestion(column, columns, "columns"));
		}
	}

	private char delimiter(YamlMap source) {
		String value = source.string("delimiter");
		if (value == null) {
			return ',';
		}
		if (value.equals("tab") || value.equals("\\t")) {
			return '\t';
		}
		if (value.length() != 1 || "\"\r\n".contains(value)) {
			this.file.problem(source.line("delimiter"), "delimiter '" + value + "' is not usable",
					"one character other than a quote or line break, or 'tab'");
			return ',';
		}
		return value.charAt(0);
	}

	/** One character, not a quote, a line break or the delimiter; {@code null} when the key is absent. */
	private Character comment(YamlMap source, char delimiter) {
		String value = source.string("comment");
		if (value == null) {
			return null;
		}
		if (value.length() != 1 || "\"\r\n".contains(value) || value.charAt(0) == delimiter) {
			this.file.problem(source.line("comment"), "comment '" + value + "' is not usable",
					"one character that starts comment lines, such as '#', other than a quote, a line break or "
							+ "the delimiter");
			return null;
		}
		return value.charAt(0);
	}

	private Charset encoding(YamlMap source) {
		String value = source.string("encoding");
		if (value == null) {
			return StandardCharsets.UTF_8;
		}
		try {
			return Charset.forName(value.strip());
		}
		catch (IllegalArgumentException ex) {
			this.file.problem(source.line("encoding"), "unknown encoding '" + value + "'",
					"e.g. UTF-8, ISO-8859-1 or windows-1252");
			return StandardCharsets.UTF_8;
		}
	}

	private List<String> textColumns(YamlMap source) {
		if (!source.has("text-columns")) {
			source.missing("text-columns");
			return null;
		}
		List<String> columns = source.strings("text-columns");
		if (columns != null && columns.isEmpty()) {
			this.file.problem(source.line("text-columns"), "'" + source.path("text-columns") + "' is empty",
					"name the column(s) holding the text, e.g. [text]");
			return null;
		}
		return columns;
	}

	private PostgresSourceSpec postgres(YamlMap source) {
		int before = this.file.problemCount();
		source.allowOnly(POSTGRES_KEYS);
		String table = source.optionalString("table");
		String query = source.optionalString("query");
		if (source.has("table") && source.has("query")) {
			this.file.problem(source.line("query"), "a postgres source reads a 'table' or a 'query', not both",
					"remove one of them");
		}
		else if (!source.has("table") && !source.has("query")) {
			this.file.problem(source.line(), "missing key 'table' (or 'query') in 'source'",
					"name a table, or give a read-only SELECT as query");
		}
		if (query != null) {
			String trimmed = query.strip().toUpperCase(Locale.ROOT);
			if (!trimmed.matches("(?s)(SELECT|WITH)\\b.*")) {
				this.file.problem(source.line("query"), "the query must start with SELECT or WITH",
						"give a single read-only SELECT");
			}
			if (query.contains(";")) {
				this.file.problem(source.line("query"), "the query must not contain ';'",
						"give a single statement without a trailing ';'");
			}
		}
		String idColumn = source.requiredString("id-column");
		List<String> textColumns = textColumns(source);
		List<String> extraColumns = source.strings("extra-columns");
		String updatedAt = source.optionalString("updated-at-column");
		Integer pageSize = source.integer("page-size");
		if (pageSize != null && pageSize < 1) {
			this.file.problem(source.line("page-size"), "page-size must be at least 1, not " + pageSize);
		}
		if (this.file.problemCount() > before) {
			return null;
		}
		return new PostgresSourceSpec(table, query == null ? null : query.strip(), idColumn, textColumns,
				extraColumns == null ? List.of() : extraColumns, updatedAt,
				pageSize == null ? DEFAULT_PAGE_SIZE : pageSize);
	}

}
