package dev.sift.definition;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where results go besides Sift's own results store, which always gets them.
 *
 * @param csv the results CSV written after each run, or {@code null} for none
 * @param writeBack for {@code postgres} table sources: field name to the source table's column that receives the
 * field's value, for results that are {@code ok} or that a person reviewed or approved; empty for none. Drafts are
 * never written back.
 * @param inputColumns for CSV sources: the input's columns the results CSV carries, in this order; empty for all of
 * them in file order
 * @param table a table of typed columns, one row per record, kept in the database Sift uses ({@code name} or
 * {@code schema.name}), or {@code null} for none
 */
public record OutputSpec(String csv, Map<String, String> writeBack, List<String> inputColumns, String table) {

	public static final OutputSpec NONE = new OutputSpec(null, Map.of(), List.of(), null);

	public OutputSpec {
		writeBack = writeBack == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(writeBack));
		inputColumns = inputColumns == null ? List.of() : List.copyOf(inputColumns);
	}

	public Optional<String> resultsTable() {
		return Optional.ofNullable(this.table);
	}

}
