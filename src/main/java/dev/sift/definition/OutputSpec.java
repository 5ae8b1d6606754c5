package dev.sift.definition;

import java.util.List;
import java.util.Map;

/**
 * Where results go besides the results table, which always gets them.
 *
 * @param csv the results CSV written after each run, or {@code null} for none
 * @param writeBack for {@code postgres} table sources: field name to the source table's column that receives the
 * field's value, for results that are {@code ok}; empty for none. Generated drafts are never written back.
 * @param inputColumns for CSV sources: the input's columns the results CSV carries, in this order; empty for all of
 * them in file order
 */
public record OutputSpec(String csv, Map<String, String> writeBack, List<String> inputColumns) {

	public static final OutputSpec NONE = new OutputSpec(null, Map.of(), List.of());

	public OutputSpec {
		inputColumns = inputColumns == null ? List.of() : List.copyOf(inputColumns);
		writeBack = writeBack == null ? Map.of()
				: java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(writeBack));
	}

}
