package dev.sift.source;

import java.util.List;
import java.util.Objects;

/**
 * Which PostgreSQL table to read and how. Names are checked against the catalogue before they reach any SQL, and
 * matched case-insensitively when no exact match exists.
 *
 * @param table       {@code table} (in the current schema) or {@code schema.table}
 * @param idColumn    a column with a primary key or a unique index and no nulls: records are paged by it
 * @param textColumns the columns with the text to classify, joined with a blank line between them
 * @param extraColumns further columns kept with each record, in this order
 * @param pageSize    rows per query; at most this many rows are held in memory
 */
public record PostgresSourceSettings(String table, String idColumn, List<String> textColumns,
		List<String> extraColumns, int pageSize) {

	static final String SOURCE_PREFIX = "postgres:";

	public PostgresSourceSettings {
		Objects.requireNonNull(table, "table");
		Objects.requireNonNull(idColumn, "idColumn");
		textColumns = List.copyOf(textColumns);
		extraColumns = List.copyOf(extraColumns);
		if (textColumns.isEmpty()) {
			throw new IllegalArgumentException("at least one text column is needed");
		}
		if (pageSize < 1) {
			throw new IllegalArgumentException("page size must be at least 1, was " + pageSize);
		}
	}

	/** How results name this source: {@code postgres:<table>}. */
	public String sourceName() {
		return sourceName(table);
	}

	public static String sourceName(String table) {
		return SOURCE_PREFIX + table;
	}

}
