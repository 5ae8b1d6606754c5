package dev.sift.definition;

import java.util.List;

/**
 * Where a job's records come from. Every source names the column that identifies a record, the columns whose text
 * the model reads (joined with a blank line between them) and further columns kept with each result, which prompt
 * templates can use.
 */
public sealed interface SourceSpec permits CsvSourceSpec, PostgresSourceSpec {

	String idColumn();

	List<String> textColumns();

	List<String> extraColumns();

	/** Every column a record carries: text columns, then extra columns. */
	default List<String> recordColumns() {
		return java.util.stream.Stream.concat(textColumns().stream(), extraColumns().stream()).distinct().toList();
	}

}
