package dev.sift.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import dev.sift.support.ClosestName;

import static dev.sift.support.SqlIdentifiers.quote;

/**
 * What a {@link PostgresSourceReader} pages through, a table or a query, with the configured columns as PostgreSQL
 * spells them. Only these names, quoted, ever go into SQL; values are bound as parameters.
 */
sealed interface PostgresRelation permits PostgresTable, PostgresQuery {

	/** Column positions in the page query: the id as its own type, the id as text, then text and extra columns. */
	int ID = 1;

	int ID_TEXT = 2;

	int FIRST_TEXT = 3;

	/** What pages are selected from: the qualified table, or the query as a subquery. */
	String from();

	/** The id column, as the table or the query's result spells it. */
	String idColumn();

	List<String> textColumns();

	List<String> extraColumns();

	/** {@code null} when none is configured. */
	String updatedAtColumn();

	/** An id saved as text, ready to be bound where the page queries compare ids, as the first run did. */
	Object idFromText(JdbcTemplate jdbc, String idText);

	<T> List<T> query(JdbcTemplate jdbc, String sql, RowMapper<T> rowMapper, Object... arguments);

	/** Ordered by position: the id's name also labels its text form, and may be an extra column too. */
	default String firstPageSql() {
		return page("");
	}

	/** Bound to the last id read. */
	default String nextPageSql() {
		return page(quote(idColumn()) + " > ?");
	}

	/** The first page of a range that starts with the first row: bound to the range's last id. */
	default String firstPageUpToSql() {
		return page(quote(idColumn()) + " <= ?");
	}

	/** A page of a range: bound to the last id read (or the id the range starts after) and the range's last id. */
	default String nextPageUpToSql() {
		return page(quote(idColumn()) + " > ? AND " + quote(idColumn()) + " <= ?");
	}

	default String countSql() {
		return "SELECT count(*) FROM " + from();
	}

	/**
	 * The last id (as text) and the row count of each range, in id order, of the first rows (bound: how many at
	 * most) cut into a number of ranges (bound first) by {@code ntile}: as many rows each as the rows allow, and one
	 * range a row when there are fewer rows than ranges.
	 */
	default String splitSql() {
		return """
				SELECT id_text, row_count FROM (
				    SELECT id_text, part, count(*) OVER (PARTITION BY part) AS row_count,
				        row_number() OVER (PARTITION BY part ORDER BY id DESC) AS from_end
				    FROM (SELECT id, id::text AS id_text, ntile(?) OVER (ORDER BY id) AS part
				        FROM (SELECT %s AS id FROM %s ORDER BY 1 LIMIT ?) AS ids) AS parts
				) AS ends WHERE from_end = 1 ORDER BY part""".formatted(quote(idColumn()), from());
	}

	default int firstExtraColumn() {
		return FIRST_TEXT + textColumns().size();
	}

	/** Follows the extra columns; only meaningful with an {@link #updatedAtColumn()}. */
	default int updatedAtPosition() {
		return firstExtraColumn() + extraColumns().size();
	}

	/** A page of rows in id order, bound to the values of {@code where} (if any) and the page size. */
	private String page(String where) {
		List<String> columns = new ArrayList<>(List.of(quote(idColumn()), quote(idColumn()) + "::text"));
		textColumns().forEach(column -> columns.add(quote(column)));
		extraColumns().forEach(column -> columns.add(quote(column)));
		if (updatedAtColumn() != null) {
			columns.add(quote(updatedAtColumn()));
		}
		return "SELECT " + String.join(", ", columns) + " FROM " + from() + (where.isEmpty() ? "" : " WHERE " + where)
				+ " ORDER BY " + ID + " LIMIT ?";
	}

	/** The exact name if there is one, otherwise the only name that differs just in case. */
	static Optional<String> matching(String wanted, List<String> names) {
		if (names.contains(wanted)) {
			return Optional.of(wanted);
		}
		List<String> ignoringCase = names.stream().filter(name -> name.equalsIgnoreCase(wanted)).toList();
		return ignoringCase.size() == 1 ? Optional.of(ignoringCase.get(0)) : Optional.empty();
	}

	static String suggestion(String wanted, List<String> names) {
		return ClosestName.to(wanted, names).map(closest -> " (did you mean '" + closest + "'?)").orElse("");
	}

	static String quoted(List<String> names) {
		return names.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "));
	}

}
