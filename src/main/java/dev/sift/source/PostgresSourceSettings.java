package dev.sift.source;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.sift.support.Sha256;

/**
 * Which PostgreSQL table or read-only query to read and how. Names are checked against the catalogue, or the
 * query's result columns, before they reach any SQL, and matched case-insensitively when no exact match exists.
 *
 * @param table           {@code table} (in the current schema) or {@code schema.table}, or {@code null} for a query
 * @param query           one {@code SELECT} or {@code WITH} statement without {@code ;}, run in read-only
 *                        transactions, or {@code null} for a table
 * @param idColumn        a column with unique, non-null values: records are read in pages ordered by it. A table's
 *                        id needs a primary key or a unique index; a query's cannot be checked, so it must not
 *                        repeat ids
 * @param textColumns     the columns with the text to classify, joined with a blank line between them
 * @param extraColumns    further columns kept with each record, in this order
 * @param updatedAtColumn a column that changes with the row, kept with each record as {@value #UPDATED_AT}, or
 *                        {@code null}
 * @param pageSize        rows per query; at most this many rows are held in memory
 */
public record PostgresSourceSettings(String table, String query, String idColumn, List<String> textColumns,
		List<String> extraColumns, String updatedAtColumn, int pageSize) {

	/** Starts the name of every PostgreSQL source; a file source is named by its path. */
	public static final String SOURCE_PREFIX = "postgres:";

	/** The field that carries {@code updatedAtColumn}, whatever the column is called. */
	public static final String UPDATED_AT = "updated_at";

	private static final Pattern READING_STATEMENT = Pattern.compile("(?is)^\\s*(SELECT|WITH)\\b.*");

	private static final int QUERY_HASH_DIGITS = 12;

	public PostgresSourceSettings {
		if ((table == null) == (query == null)) {
			throw new IllegalArgumentException("a postgres source needs either a table or a query, not "
					+ (table == null ? "neither" : "both"));
		}
		if (query != null) {
			checkQuery(query);
		}
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

	/** A table without an updated-at column. */
	public PostgresSourceSettings(String table, String idColumn, List<String> textColumns, List<String> extraColumns,
			int pageSize) {
		this(table, null, idColumn, textColumns, extraColumns, null, pageSize);
	}

	public boolean isQuery() {
		return query != null;
	}

	/**
	 * How results name this source: {@code postgres:<table>}, or {@code postgres:query:<hash>} with the start of the
	 * query's SHA-256, so results of the same query meet again without the whole query as their name.
	 */
	public String sourceName() {
		return isQuery() ? SOURCE_PREFIX + "query:" + Sha256.ofText(query).substring(0, QUERY_HASH_DIGITS)
				: sourceName(table);
	}

	public static String sourceName(String table) {
		return SOURCE_PREFIX + table;
	}

	/**
	 * The query is wrapped in a subquery for paging, so it must be one statement that reads. Read-only transactions
	 * refuse writes anyway; this check gives the plainer message for the usual mistakes.
	 */
	private static void checkQuery(String query) {
		if (query.indexOf(';') >= 0) {
			throw new IllegalArgumentException("a postgres source query must be a single statement without ';', was: "
					+ query.strip());
		}
		if (!READING_STATEMENT.matcher(query).matches()) {
			String start = query.strip().split("\\s+", 2)[0];
			throw new IllegalArgumentException("a postgres source query must start with SELECT or WITH, not '"
					+ start.toUpperCase(Locale.ROOT) + "'");
		}
	}

}
