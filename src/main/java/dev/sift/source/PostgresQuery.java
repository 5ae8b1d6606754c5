package dev.sift.source;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static dev.sift.source.PostgresRelation.matching;
import static dev.sift.source.PostgresRelation.quoted;
import static dev.sift.source.PostgresRelation.suggestion;

/**
 * A read-only query and its configured columns as its result spells them. The query is paged as a subquery, and
 * everything it runs in is a read-only transaction, so a query that would write is refused by PostgreSQL itself.
 */
record PostgresQuery(String sql, String sourceName, String idColumn, List<String> textColumns,
		List<String> extraColumns, String updatedAtColumn) implements PostgresRelation {

	/** PostgreSQL's SQLSTATE for a write in a read-only transaction. */
	private static final String READ_ONLY_SQL_TRANSACTION = "25006";

	/**
	 * @throws ItemStreamException when the query fails, would write, or lacks a configured column: every unknown
	 *                             column at once, with the columns the query returns
	 */
	static PostgresQuery resolve(JdbcTemplate jdbc, PostgresSourceSettings settings) {
		List<String> names = readOnly(jdbc, settings.sourceName(), connection -> {
			try (Statement statement = connection.createStatement();
					ResultSet empty = statement.executeQuery("SELECT * FROM " + subquery(settings.query()) + " LIMIT 0")) {
				ResultSetMetaData metadata = empty.getMetaData();
				List<String> columns = new ArrayList<>();
				for (int index = 1; index <= metadata.getColumnCount(); index++) {
					columns.add(metadata.getColumnLabel(index));
				}
				return columns;
			}
		});
		List<String> errors = new ArrayList<>();
		String idColumn = column(settings.idColumn(), names, errors);
		List<String> textColumns = settings.textColumns().stream().map(column -> column(column, names, errors)).toList();
		List<String> extraColumns = settings.extraColumns().stream().map(column -> column(column, names, errors))
			.toList();
		String updatedAtColumn = settings.updatedAtColumn() == null ? null
				: column(settings.updatedAtColumn(), names, errors);
		if (!errors.isEmpty()) {
			throw new ItemStreamException("query " + settings.sourceName() + ": " + String.join("; ", errors)
					+ "; columns found: " + quoted(names));
		}
		return new PostgresQuery(settings.query(), settings.sourceName(), idColumn, textColumns, extraColumns,
				updatedAtColumn);
	}

	@Override
	public String from() {
		return subquery(sql);
	}

	/**
	 * A query's result has no catalogue entry to name the id's type, so the text is bound untyped and PostgreSQL
	 * gives it the type of the id it is compared with.
	 */
	@Override
	public Object idFromText(JdbcTemplate jdbc, String idText) {
		return new SqlParameterValue(Types.OTHER, idText);
	}

	@Override
	public <T> List<T> query(JdbcTemplate jdbc, String pageSql, RowMapper<T> rowMapper,
			Object... arguments) {
		return readOnly(jdbc, sourceName, connection -> new JdbcTemplate(new SingleConnectionDataSource(connection, true))
			.query(pageSql, rowMapper, arguments));
	}

	/** Line breaks keep a trailing {@code --} comment in the query from swallowing the paging clauses. */
	private static String subquery(String query) {
		return "(\n" + query + "\n) AS q";
	}

	/**
	 * Runs {@code work} read-only without disturbing the caller's transaction. Inside one, as in a chunk that also
	 * writes results, a savepoint confines {@code SET TRANSACTION READ ONLY} and is rolled back afterwards, which
	 * restores read-write for the caller; switching to read-only is allowed at any point, unlike the way back.
	 */
	private static <T> T readOnly(JdbcTemplate jdbc, String sourceName, ConnectionCallback<T> work) {
		try {
			return jdbc.execute((ConnectionCallback<T>) connection -> {
				if (connection.getAutoCommit()) {
					return inOwnTransaction(connection, work);
				}
				Savepoint savepoint = connection.setSavepoint();
				try {
					return readOnlyWork(connection, work);
				}
				finally {
					connection.rollback(savepoint);
					connection.releaseSavepoint(savepoint);
				}
			});
		}
		catch (DataAccessException ex) {
			throw refused(sourceName, ex);
		}
	}

	private static <T> T inOwnTransaction(Connection connection, ConnectionCallback<T> work) throws SQLException {
		connection.setAutoCommit(false);
		try {
			return readOnlyWork(connection, work);
		}
		finally {
			connection.rollback();
			connection.setAutoCommit(true);
		}
	}

	private static <T> T readOnlyWork(Connection connection, ConnectionCallback<T> work) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("SET TRANSACTION READ ONLY");
		}
		return work.doInConnection(connection);
	}

	private static ItemStreamException refused(String sourceName, DataAccessException ex) {
		Throwable cause = ex.getMostSpecificCause();
		String message = cause.getMessage();
		// A data-modifying WITH is refused as a subquery before the read-only transaction could refuse it.
		boolean writes = (cause instanceof SQLException sql && READ_ONLY_SQL_TRANSACTION.equals(sql.getSQLState()))
				|| message.contains("data-modifying statement");
		return new ItemStreamException(writes
				? "query " + sourceName + " tries to write, but a query source may only read: " + message
				: "query " + sourceName + " failed: " + message, ex);
	}

	/** Like a table's columns, but a query may return a name twice, which no reference to it could tell apart. */
	private static String column(String wanted, List<String> names, List<String> errors) {
		Optional<String> found = matching(wanted, names);
		if (found.isEmpty()) {
			errors.add("no column '" + wanted + "'" + suggestion(wanted, names));
			return null;
		}
		int occurrences = Collections.frequency(names, found.get());
		if (occurrences > 1) {
			errors.add("column '" + found.get() + "' appears " + occurrences + " times in the query's result");
		}
		return found.get();
	}

}
