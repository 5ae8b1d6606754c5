package dev.sift.definition;

import java.util.List;
import java.util.Objects;

import dev.sift.source.PostgresSourceSettings;

/**
 * A table, or a read-only query, in the application's PostgreSQL database. Exactly one of {@code table} and
 * {@code query} is set. Names are checked against the catalogue before any SQL uses them.
 *
 * @param table {@code table} or {@code schema.table}, or {@code null} for a query
 * @param query a single {@code SELECT}, run in a read-only transaction, or {@code null} for a table
 * @param idColumn a unique, non-null column: records are read in pages ordered by it
 * @param updatedAtColumn a column that changes when a row changes, or {@code null}; kept with each result
 * @param pageSize rows per query, and so at most in memory
 */
public record PostgresSourceSpec(String table, String query, String idColumn, List<String> textColumns,
		List<String> extraColumns, String updatedAtColumn, int pageSize) implements SourceSpec {

	public PostgresSourceSpec {
		if ((table == null) == (query == null)) {
			throw new IllegalArgumentException("a postgres source needs either a table or a query");
		}
		Objects.requireNonNull(idColumn, "idColumn");
		textColumns = List.copyOf(textColumns);
		extraColumns = List.copyOf(extraColumns);
	}

	/** How to read the table or query. */
	public PostgresSourceSettings settings() {
		return new PostgresSourceSettings(this.table, this.query, this.idColumn, this.textColumns, this.extraColumns,
				this.updatedAtColumn, this.pageSize);
	}

}
