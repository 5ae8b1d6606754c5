package dev.sift.definition;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code outputs} section of a spec: a CSV file to write and the input columns it carries, columns to write
 * results back to, and a results table to keep.
 */
final class OutputReader {

	private static final List<String> OUTPUT_KEYS = List.of("csv", "write-back", "input-columns", "table");

	/**
	 * Lower case, as PostgreSQL folds names that are not quoted, so the table is queried by the name the spec gives.
	 * At most 63 characters each, PostgreSQL's limit.
	 */
	private static final Pattern TABLE_NAME = Pattern.compile("([a-z_][a-z0-9_]{0,62}\\.)?[a-z_][a-z0-9_]{0,62}");

	private final SpecFile file;

	OutputReader(SpecFile file) {
		this.file = file;
	}

	OutputSpec read(YamlMap outputs) {
		int before = this.file.problemCount();
		outputs.allowOnly(OUTPUT_KEYS);
		String csv = outputs.optionalString("csv");
		Map<String, String> writeBack = new LinkedHashMap<>();
		YamlMap columns = outputs.map("write-back");
		if (columns != null) {
			for (String field : columns.keys()) {
				if (!columns.has(field)) {
					columns.missing(field);
					continue;
				}
				String column = columns.requiredString(field);
				if (column != null) {
					writeBack.put(field, column);
				}
			}
		}
		List<String> inputColumns = inputColumns(outputs);
		String table = outputs.optionalString("table");
		if (table != null && !TABLE_NAME.matcher(table).matches()) {
			this.file.problem(outputs.line("table"), "'outputs.table' is not a table name: '" + table + "'",
					"name it 'name' or 'schema.name', in lower-case letters, digits and underscores");
		}
		return this.file.problemCount() > before ? OutputSpec.NONE
				: new OutputSpec(csv, writeBack, inputColumns, table);
	}

	private List<String> inputColumns(YamlMap outputs) {
		List<String> columns = outputs.strings("input-columns");
		if (columns == null) {
			return List.of();
		}
		if (columns.isEmpty()) {
			this.file.problem(outputs.line("input-columns"), "'" + outputs.path("input-columns") + "' is empty",
					"name the input columns the results CSV carries, or remove the key for all of them");
		}
		Set<String> seen = new HashSet<>();
		columns.stream()
			.filter(column -> !seen.add(column.strip()))
			.distinct()
			.forEach(column -> this.file.problem(outputs.line("input-columns"),
					"'" + outputs.path("input-columns") + "' names '" + column + "' twice", "name each column once"));
		return columns;
	}

}
