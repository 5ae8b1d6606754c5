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

	/** Ordered by position: the id's name also labels its text form, and may be an extra column too. */
	String firstPageSql();

	String nextPageSql();

	String countSql();

	List<String> textColumns();

	List<String> extraColumns();

	/** {@code null} when none is configured. */
	String updatedAtColumn();

	/** An id saved as text, ready to be bound where {@link #nextPageSql()} compares ids, as the first run did. */
	Object idFromText(JdbcTemplate jdbc, String idText);

	<T> List<T> query(JdbcTemplate jdbc, String sql, RowMapper<T> rowMapper, Object... arguments);

	default int firstExtraColumn() {
		return FIRST_TEXT + textColumns().size();
	}

	/** Follows the extra columns; only meaningful with an {@link #updatedAtColumn()}. */
	default int updatedAtPosition() {
		return firstExtraColumn() + extraColumns().size();
	}

	static String selectList(String idColumn, List<String> textColumns, List<String> extraColumns,
			String updatedAtColumn) {
		List<String> columns = new ArrayList<>(List.of(quote(idColumn), quote(idColumn) + "::text"));
		textColumns.forEach(column -> columns.add(quote(column)));
		extraColumns.forEach(column -> columns.add(quote(column)));
		if (updatedAtColumn != null) {
			columns.add(quote(updatedAtColumn));
		}
		return String.join(", ", columns);
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
