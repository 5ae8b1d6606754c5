package dev.sift.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import static dev.sift.source.PostgresRelation.matching;
import static dev.sift.source.PostgresRelation.quoted;
import static dev.sift.source.PostgresRelation.suggestion;
import static dev.sift.support.SqlIdentifiers.quote;

/**
 * A table and its configured columns as the catalogue spells them.
 *
 * @param idType the id column's type as {@code format_type} prints it: PostgreSQL's own spelling, valid in a cast
 */
record PostgresTable(String schema, String name, String idColumn, String idType, List<String> textColumns,
		List<String> extraColumns, String updatedAtColumn) implements PostgresRelation {

	private static final String TABLES = """
			SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f') ORDER BY c.relname
			""";

	/** Paging by id with {@code id > ?} skips or repeats rows unless the id is unique and never null. */
	private static final String COLUMNS = """
			SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
			    a.attnotnull AND EXISTS (SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = c.oid
			        AND i.indisunique AND i.indnkeyatts = 1 AND i.indkey[0] = a.attnum AND i.indpred IS NULL) AS unique_key
			FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
			    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum
			""";

	/**
	 * @throws ItemStreamException naming the unknown table, or every unknown column at once with the existing ones
	 */
	static PostgresTable resolve(JdbcTemplate jdbc, PostgresSourceSettings settings) {
		Located located = locate(jdbc, settings.table());
		return new Resolution(located.schema(), located.name(), located.columns()).resolve(settings);
	}

	/**
	 * The columns of a table in order, as the catalogue spells them.
	 * @throws ItemStreamException naming an unknown table, with the closest name and the tables there are
	 */
	static List<String> columnNames(JdbcTemplate jdbc, String qualifiedTable) {
		return locate(jdbc, qualifiedTable).columns().stream().map(CatalogueColumn::name).toList();
	}

	private static Located locate(JdbcTemplate jdbc, String qualifiedTable) {
		int dot = qualifiedTable.indexOf('.');
		String schema = dot < 0 ? jdbc.queryForObject("SELECT current_schema()", String.class)
				: qualifiedTable.substring(0, dot);
		String wantedTable = qualifiedTable.substring(dot + 1);
		List<String> tables = schema == null ? List.of() : jdbc.queryForList(TABLES, String.class, schema);
		String table = matching(wantedTable, tables).orElseThrow(() -> new ItemStreamException(
				"no table '" + qualifiedTable + "' in schema '" + schema + "'" + suggestion(wantedTable, tables)
						+ "; tables found: " + quoted(tables)));
		List<CatalogueColumn> columns = jdbc.query(COLUMNS, (row, number) -> new CatalogueColumn(row.getString("name"),
				row.getString("type"), row.getBoolean("unique_key")), schema, table);
		return new Located(schema, table, columns);
	}

	@Override
	public String from() {
		return qualifiedName();
	}

	/** Casts the text back to the column's own type, looked up at every open rather than saved with the text. */
	@Override
	public Object idFromText(JdbcTemplate jdbc, String idText) {
		return jdbc.queryForObject("SELECT CAST(? AS " + idType + ")", (row, number) -> row.getObject(1), idText);
	}

	@Override
	public <T> List<T> query(JdbcTemplate jdbc, String sql, RowMapper<T> rowMapper, Object... arguments) {
		return jdbc.query(sql, rowMapper, arguments);
	}

	String qualifiedName() {
		return quote(schema) + "." + quote(name);
	}

	private record CatalogueColumn(String name, String type, boolean uniqueKey) {
	}

	private record Located(String schema, String name, List<CatalogueColumn> columns) {
	}

	/** Looks up the configured columns and collects what is wrong, so a wrong setting is fixed in one go. */
	private record Resolution(String schema, String table, List<CatalogueColumn> columns, List<String> names,
			List<String> errors) {

		Resolution(String schema, String table, List<CatalogueColumn> columns) {
			this(schema, table, columns, columns.stream().map(CatalogueColumn::name).toList(), new ArrayList<>());
		}

		PostgresTable resolve(PostgresSourceSettings settings) {
			String idColumn = column(settings.idColumn());
			List<String> textColumns = settings.textColumns().stream().map(this::column).toList();
			List<String> extraColumns = settings.extraColumns().stream().map(this::column).toList();
			String updatedAtColumn = settings.updatedAtColumn() == null ? null : column(settings.updatedAtColumn());
			CatalogueColumn id = columns.stream().filter(column -> column.name().equals(idColumn)).findFirst()
					.orElse(null);
			if (id != null && !id.uniqueKey()) {
				errors.add("id column '" + idColumn + "' needs a primary key, or a unique index and NOT NULL: rows are "
						+ "read in pages ordered by it");
			}
			if (!errors.isEmpty()) {
				throw new ItemStreamException("table '" + schema + "." + table + "': " + String.join("; ", errors)
						+ "; columns found: " + quoted(names));
			}
			return new PostgresTable(schema, table, idColumn, id.type(), textColumns, extraColumns, updatedAtColumn);
		}

		private String column(String wanted) {
			Optional<String> found = matching(wanted, names);
			if (found.isEmpty()) {
				errors.add("no column '" + wanted + "'" + suggestion(wanted, names));
			}
			return found.orElse(null);
		}
	}

}
