package dev.sift.definition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code outputs} section of a spec: a CSV file to write, and columns to write results back to. */
final class OutputReader {

	private static final List<String> OUTPUT_KEYS = List.of("csv", "write-back");

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
		return this.file.problemCount() > before ? OutputSpec.NONE : new OutputSpec(csv, writeBack);
	}

}
