package dev.sift.definition;

import java.util.Map;

/**
 * Where results go besides the results table, which always gets them.
 *
 * @param csv the results CSV written after each run, or {@code null} for none
 * @param writeBack for {@code postgres} table sources: field name to the source table's column that receives the
 * field's value, for results that are {@code ok}; empty for none. Generated drafts are never written back.
 */
public record OutputSpec(String csv, Map<String, String> writeBack) {

	public static final OutputSpec NONE = new OutputSpec(null, Map.of());

	public OutputSpec {
		writeBack = writeBack == null ? Map.of()
				: java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(writeBack));
	}

}
