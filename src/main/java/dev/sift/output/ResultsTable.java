package dev.sift.output;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.sift.definition.FieldSpec;
import dev.sift.definition.JobSpec;
import dev.sift.result.StoredResult;

import static dev.sift.support.SqlIdentifiers.quote;

/**
 * A job's results table ({@code outputs.table}): one row per record of each source, with a typed column per field,
 * the status, the reason, the prompt version and when the result last changed. It mirrors the results store, so a
 * dashboard or a query sees what Sift holds without reading JSON.
 * <p>
 * Its name and columns come from the spec, whose loader allows only lower-case names; they are quoted in every
 * statement, and values are bound. An existing table is checked against the columns the job needs and never altered.
 */
final class ResultsTable {

	/** The columns every results table has, besides one per field. */
	static final List<String> OWN_COLUMNS = List.of("source", "record_id", "status", "reason", "prompt_version",
			"updated_at");

	private static final String RELATION = """
			SELECT c.relkind FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname = ? AND c.relname = ?""";

	private static final String COLUMNS = """
			SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull AND NOT a.atthasdef
			FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
			    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum""";

	/** {@code ON CONFLICT (source, record_id)} needs a unique index on exactly these columns. */
	private static final String KEY = """
			SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
			    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
			    WHERE n.nspname = ? AND c.relname = ? AND i.indisunique AND i.indpred IS NULL AND i.indnkeyatts = 2
			    AND (SELECT array_agg(a.attname::text ORDER BY a.attname) FROM pg_catalog.pg_attribute a
			        WHERE a.attrelid = c.oid AND a.attnum = ANY (i.indkey::int2[])) = ARRAY['record_id', 'source'])""";

	private final String schema;

	private final String name;

	private final List<Column> columns;

	private ResultsTable(String schema, String name, List<Column> columns) {
		this.schema = schema;
		this.name = name;
		this.columns = List.copyOf(columns);
	}

	/**
	 * The table a job names, in the schema it names or else the database's current schema.
	 * @param currentSchema the schema of names without one
	 */
	static ResultsTable of(JobSpec spec, String qualifiedName, String currentSchema) {
		int dot = qualifiedName.indexOf('.');
		List<Column> columns = new ArrayList<>();
		columns.add(new Column("source", ColumnType.TEXT, true, StoredResult::source));
		columns.add(new Column("record_id", ColumnType.TEXT, true, StoredResult::recordId));
		for (FieldSpec field : spec.task().fields()) {
			ColumnType type = ColumnType.of(field.type());
			columns.add(new Column(field.name(), type, false, result -> type.value(result.labels().get(field.name()))));
		}
		columns.add(new Column("status", ColumnType.TEXT, true, result -> result.status().code()));
		columns.add(new Column("reason", ColumnType.TEXT, true, StoredResult::reason));
		columns.add(new Column("prompt_version", ColumnType.TEXT, true, StoredResult::promptVersion));
		columns.add(new Column("updated_at", ColumnType.TIMESTAMP, true, result -> Timestamp.from(result.updatedAt())));
		return new ResultsTable(dot < 0 ? currentSchema : qualifiedName.substring(0, dot),
				qualifiedName.substring(dot + 1), columns);
	}

	/** {@code schema.name}, as a person would type it. */
	String displayName() {
		return this.schema + "." + this.name;
	}

	/** Whether the table is there (as a table: a view of that name is a problem, not a table). */
	boolean exists(JdbcTemplate jdbc) {
		return !jdbc.queryForList(RELATION, String.class, this.schema, this.name).isEmpty();
	}

	/** Creates the table, which must not exist yet; the schema must. */
	void create(JdbcTemplate jdbc) {
		jdbc.execute("CREATE TABLE IF NOT EXISTS " + qualifiedName() + " ("
				+ this.columns.stream().map(Column::definition).collect(Collectors.joining(", "))
				+ ", PRIMARY KEY (source, record_id))");
	}

	/**
	 * What keeps Sift from writing this table: a missing schema, a name clash of a field with the table's own
	 * columns, or an existing table of another shape (a column missing or of another type, a column Sift would not
	 * fill that needs a value, no key on source and record). Empty when the table fits or does not exist yet.
	 */
	List<String> problems(JdbcTemplate jdbc) {
		List<String> problems = new ArrayList<>();
		this.columns.stream()
			.filter(column -> !column.own() && OWN_COLUMNS.contains(column.name()))
			.forEach(column -> problems.add("field '" + column.name() + "' has the name of one of the table's own "
					+ "columns (" + String.join(", ", OWN_COLUMNS) + "): rename the field"));
		if (jdbc.queryForList("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?", Integer.class, this.schema)
			.isEmpty()) {
			problems.add("schema '" + this.schema + "' does not exist: create it (CREATE SCHEMA " + this.schema
					+ ") or name the table in another schema");
			return problems;
		}
		List<String> kinds = jdbc.queryForList(RELATION, String.class, this.schema, this.name);
		if (kinds.isEmpty()) {
			return problems;
		}
		if (!Set.of("r", "p").contains(kinds.get(0))) {
			problems.add(displayName() + " exists and is not a table");
			return problems;
		}
		Map<String, String> types = new LinkedHashMap<>();
		List<String> needValues = new ArrayList<>();
		jdbc.query(COLUMNS, row -> {
			types.put(row.getString(1), row.getString(2));
			if (row.getBoolean(3)) {
				needValues.add(row.getString(1));
			}
		}, this.schema, this.name);
		for (Column column : this.columns) {
			String found = types.get(column.name());
			if (found == null) {
				problems.add("no column " + column.name() + " " + column.type().sql());
			}
			else if (!found.equals(column.type().sql())) {
				problems.add("column " + column.name() + " is " + found + ", not " + column.type().sql());
			}
		}
		Set<String> filled = this.columns.stream().map(Column::name).collect(Collectors.toSet());
		needValues.stream()
			.filter(column -> !filled.contains(column))
			.forEach(column -> problems.add("column " + column + " is NOT NULL without a default, and Sift "
					+ "does not fill it"));
		if (problems.isEmpty() && !Boolean.TRUE.equals(jdbc.queryForObject(KEY, Boolean.class, this.schema, this.name))) {
			problems.add("no primary key or unique index on (source, record_id)");
		}
		return problems;
	}

	/** Inserts each result's row, or updates the row of its source and record. */
	void upsert(JdbcTemplate jdbc, List<StoredResult> results) {
		if (results.isEmpty()) {
			return;
		}
		String names = this.columns.stream().map(column -> quote(column.name())).collect(Collectors.joining(", "));
		String updates = this.columns.stream()
			.filter(column -> !column.key())
			.map(column -> quote(column.name()) + " = EXCLUDED." + quote(column.name()))
			.collect(Collectors.joining(", "));
		String sql = "INSERT INTO " + qualifiedName() + " (" + names + ") VALUES ("
				+ this.columns.stream().map(column -> "?").collect(Collectors.joining(", "))
				+ ") ON CONFLICT (source, record_id) DO UPDATE SET " + updates;
		jdbc.batchUpdate(sql, results, results.size(), (statement, result) -> {
			for (int i = 0; i < this.columns.size(); i++) {
				Column column = this.columns.get(i);
				column.type().bind(statement, i + 1, column.value().apply(result));
			}
		});
	}

	/** The values a result's row gets, by column: what the audit history records as written. */
	Map<String, Object> row(StoredResult result) {
		Map<String, Object> row = new LinkedHashMap<>();
		this.columns.forEach(column -> {
			Object value = column.value().apply(result);
			row.put(column.name(), value instanceof String[] items ? List.of(items)
					: value instanceof Timestamp time ? time.toInstant().toString() : value);
		});
		return row;
	}

	private String qualifiedName() {
		return quote(this.schema) + "." + quote(this.name);
	}

	/**
	 * @param own one of the columns every results table has
	 * @param value the column's value for a result, of the Java type its {@link ColumnType} binds
	 */
	private record Column(String name, ColumnType type, boolean own, Function<StoredResult, Object> value) {

		boolean key() {
			return this.name.equals("source") || this.name.equals("record_id");
		}

		String definition() {
			return quote(this.name) + " " + this.type.sql() + (this.own && !this.name.equals("reason") ? " NOT NULL" : "");
		}

	}

	/**
	 * The SQL type of each kind of field, and how a reply's value becomes one. A value of the wrong kind (a reply that
	 * needs review may hold anything) is stored as NULL rather than failing the chunk: the status says it needs
	 * review, and the results store keeps what the model said.
	 */
	enum ColumnType {

		TEXT("text"), TEXTS("text[]"), NUMBER("numeric"), BOOLEAN("boolean"), TIMESTAMP("timestamp with time zone");

		private final String sql;

		ColumnType(String sql) {
			this.sql = sql;
		}

		String sql() {
			return this.sql;
		}

		static ColumnType of(FieldSpec.FieldType type) {
			return switch (type) {
				case LABEL, TEXT -> TEXT;
				case LABELS, LIST -> TEXTS;
				case NUMBER, INTEGER -> NUMBER;
				case BOOLEAN -> BOOLEAN;
			};
		}

		Object value(Object reply) {
			return switch (this) {
				case TEXT -> reply == null || reply instanceof List<?> || reply instanceof Map<?, ?> ? null
						: String.valueOf(reply);
				case TEXTS -> reply instanceof List<?> items ? items.stream().map(String::valueOf).toArray(String[]::new)
						: null;
				case NUMBER -> reply instanceof Number number ? new BigDecimal(number.toString()) : null;
				case BOOLEAN -> reply instanceof Boolean flag ? flag : null;
				case TIMESTAMP -> reply;
			};
		}

		void bind(PreparedStatement statement, int index, Object value) throws SQLException {
			switch (this) {
				case TEXT -> statement.setString(index, (String) value);
				case TEXTS -> {
					if (value == null) {
						statement.setNull(index, Types.ARRAY);
					}
					else {
						statement.setArray(index, statement.getConnection().createArrayOf("text", (String[]) value));
					}
				}
				case NUMBER -> statement.setBigDecimal(index, (BigDecimal) value);
				case BOOLEAN -> statement.setObject(index, value, Types.BOOLEAN);
				case TIMESTAMP -> statement.setTimestamp(index, (Timestamp) value);
			}
		}

	}

}
