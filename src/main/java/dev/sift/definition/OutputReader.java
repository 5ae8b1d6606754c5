package dev.sift.definition;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code outputs} section of a spec: a CSV file to write and the input columns it carries, and columns to
 * write results back to.
 */
final class OutputReader {

	private static final List<String> OUTPUT_KEYS = List.of("csv", "write-back", "input-columns");

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
		return this.file.problemCount() > before ? OutputSpec.NONE : new OutputSpec(csv, writeBack, inputColumns);
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
