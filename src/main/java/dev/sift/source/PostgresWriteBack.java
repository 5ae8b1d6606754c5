package dev.sift.source;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.sift.support.SqlIdentifiers;

/**
 * Writes values back into columns of a source table, by record id. The table and columns are looked up in the
 * catalogue like a source's, so only catalogue names, quoted, reach the SQL; values and ids are bound parameters.
 */
public final class PostgresWriteBack {

	private final JdbcTemplate jdbc;

	private final String updateSql;

	private final List<String> columns;

	private final String table;

	private final String idColumn;

	/**
	 * @param columns the columns to set, in the order {@link #update} takes the values
	 * @throws org.springframework.batch.infrastructure.item.ItemStreamException naming an unknown table or column
	 */
	public PostgresWriteBack(JdbcTemplate jdbc, String table, String idColumn, List<String> columns) {
		PostgresTable resolved = PostgresTable.resolve(jdbc,
				new PostgresSourceSettings(table, idColumn, columns, List.of(), 1));
		this.jdbc = jdbc;
		this.columns = resolved.textColumns();
		this.table = resolved.schema() + "." + resolved.name();
		this.idColumn = resolved.idColumn();
		this.updateSql = "UPDATE " + resolved.qualifiedName() + " SET " + resolved.textColumns().stream()
					.map(column -> SqlIdentifiers.quote(column) + " = ?")
					.collect(Collectors.joining(", "))
				+ " WHERE " + SqlIdentifiers.quote(resolved.idColumn()) + " = CAST(? AS " + resolved.idType() + ")";
	}

	/** The table's name, {@code schema.name}. */
	public String table() {
		return this.table;
	}

	/** The row of a record, as a person reads it: {@code public.feedback where id = 1001}. */
	public String row(String id) {
		return this.table + " where " + this.idColumn + " = " + id;
	}

	/** The columns set, as the catalogue spells them, in the order {@link #update} takes the values. */
	public List<String> columns() {
		return this.columns;
	}

	/**
	 * Sets the columns of each row.
	 * @param rows each row's values in column order, followed by its id as text
	 * @return the number of rows that exist and were updated
	 */
	public int update(List<List<String>> rows) {
		if (rows.isEmpty()) {
			return 0;
		}
		List<Object[]> arguments = new ArrayList<>();
		for (List<String> row : rows) {
			if (row.size() != this.columns.size() + 1) {
				throw new IllegalArgumentException("expected " + this.columns.size() + " values and an id, got " + row);
			}
			arguments.add(row.toArray());
		}
		int updated = 0;
		for (int count : this.jdbc.batchUpdate(this.updateSql, arguments)) {
			updated += Math.max(count, 0);
		}
		return updated;
	}

}
