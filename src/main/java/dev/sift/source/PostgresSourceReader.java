package dev.sift.source;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the rows of a PostgreSQL table into {@link SourceRecord}s, in id order.
 * <p>
 * Rows are fetched a page at a time with {@code WHERE id > last id ORDER BY id LIMIT page size}, so memory stays
 * bounded whatever the table size, and no query or cursor stays open between chunks. Ids are compared in the
 * column's own type and carried as PostgreSQL's text form. A row without text becomes a problem record, never a gap.
 * <p>
 * Restartable: the execution context holds the number of records handed out and the last id as text. The column's
 * type is looked up in the catalogue again at every open, and the text cast back to it: saving the type name too
 * would only go stale if the column were altered between runs.
 */
public class PostgresSourceReader extends CountedSourceReader {

	private static final String LAST_ID = "last.id";

	private static final String TEXT_SEPARATOR = "\n\n";

	private final JdbcTemplate jdbc;

	private final PostgresSourceSettings settings;

	private final Deque<SourceRecord> page = new ArrayDeque<>();

	private PostgresTable table;

	private Object lastFetchedId;

	private String lastHandedOutId;

	private long rowsFetched;

	private boolean exhausted;

	public PostgresSourceReader(JdbcTemplate jdbc, PostgresSourceSettings settings) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
		this.settings = Objects.requireNonNull(settings, "settings");
	}

	/**
	 * The columns of a table ({@code table} or {@code schema.table}) in order, as the catalogue spells them, for
	 * checks that run before any job does.
	 * @throws org.springframework.batch.infrastructure.item.ItemStreamException naming an unknown table, with the
	 * closest name and the tables there are
	 */
	public static List<String> columns(JdbcTemplate jdbc, String table) {
		return PostgresTable.columnNames(jdbc, table);
	}

	@Override
	public void open(ExecutionContext executionContext) {
		table = PostgresTable.resolve(jdbc, settings);
		page.clear();
		exhausted = false;
		rowsFetched = recordsReadBefore(executionContext);
		resumeCountAt(rowsFetched);
		String lastIdKey = getExecutionContextKey(LAST_ID);
		lastHandedOutId = executionContext.containsKey(lastIdKey) ? executionContext.getString(lastIdKey) : null;
		lastFetchedId = lastHandedOutId == null ? null
				: jdbc.queryForObject(table.idFromTextSql(), (row, number) -> row.getObject(1), lastHandedOutId);
	}

	@Override
	protected SourceRecord readNext() {
		if (table == null) {
			throw new IllegalStateException("reader for " + settings.sourceName() + " is not open");
		}
		if (page.isEmpty() && !exhausted) {
			fetchPage();
		}
		return page.poll();
	}

	@Override
	protected void handedOut(SourceRecord record) {
		lastHandedOutId = record.id();
	}

	/** Rows of the whole table; may be called before {@link #open}, as progress logging does. */
	@Override
	public long countRecords() {
		return jdbc.queryForObject(PostgresTable.resolve(jdbc, settings).countSql(), Long.class);
	}

	@Override
	public void update(ExecutionContext executionContext) {
		super.update(executionContext);
		if (lastHandedOutId != null) {
			executionContext.putString(getExecutionContextKey(LAST_ID), lastHandedOutId);
		}
	}

	@Override
	public void close() {
		page.clear();
		table = null;
	}

	private void fetchPage() {
		List<SourceRecord> rows = lastFetchedId == null
				? jdbc.query(table.firstPageSql(), this::toRecord, settings.pageSize())
				: jdbc.query(table.nextPageSql(), this::toRecord, lastFetchedId, settings.pageSize());
		page.addAll(rows);
		// A short page is the last one, which saves a query that would return nothing.
		exhausted = rows.size() < settings.pageSize();
	}

	private SourceRecord toRecord(ResultSet row, int rowNumber) throws SQLException {
		lastFetchedId = row.getObject(PostgresTable.ID);
		String id = row.getString(PostgresTable.ID_TEXT);
		long line = ++rowsFetched;
		String text = joinedText(row);
		Map<String, String> fields = extraFields(row);
		return text.isEmpty()
				? SourceRecord.problem(settings.sourceName(), id, text, fields, line, "empty text")
				: SourceRecord.good(settings.sourceName(), id, text, fields, line);
	}

	private String joinedText(ResultSet row) throws SQLException {
		String[] values = new String[table.textColumns().size()];
		for (int index = 0; index < values.length; index++) {
			values[index] = row.getString(PostgresTable.FIRST_TEXT + index);
		}
		return Stream.of(values)
				.filter(value -> value != null && !value.isBlank())
				.map(String::strip)
				.collect(Collectors.joining(TEXT_SEPARATOR));
	}

	private Map<String, String> extraFields(ResultSet row) throws SQLException {
		Map<String, String> fields = new LinkedHashMap<>();
		for (int index = 0; index < settings.extraColumns().size(); index++) {
			String value = row.getString(table.firstExtraColumn() + index);
			fields.put(settings.extraColumns().get(index), value == null ? "" : value.strip());
		}
		return fields;
	}

}
