package dev.sift.source;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the rows of a PostgreSQL table, or of a read-only query, into {@link SourceRecord}s, in id order.
 * <p>
 * Rows are fetched a page at a time with {@code WHERE id > last id ORDER BY id LIMIT page size}, so memory stays
 * bounded whatever the table size, and no query or cursor stays open between chunks. Ids are compared in the
 * column's own type and carried as PostgreSQL's text form. A row without text becomes a problem record, never a gap.
 * <p>
 * Restartable: the execution context holds the number of records handed out and the last id as text. The column's
 * type is looked up in the catalogue again at every open, and the text cast back to it: saving the type name too
 * would only go stale if the column were altered between runs. A query's id text is bound untyped instead, see
 * {@link PostgresQuery#idFromText}.
 */
public class PostgresSourceReader extends CountedSourceReader {

	private static final String LAST_ID = "last.id";

	private final JdbcTemplate jdbc;

	private final PostgresSourceSettings settings;

	private final Deque<SourceRecord> page = new ArrayDeque<>();

	private PostgresRelation relation;

	private Object lastFetchedId;

	private String lastHandedOutId;

	private long rowsFetched;

	private boolean exhausted;

	/** A reader of one range of ids, as {@link #split} found it. */
	public PostgresSourceReader(JdbcTemplate jdbc, PostgresSourceSettings settings, KeyRange range) {
		throw new UnsupportedOperationException("to be written");
	}

	/**
	 * Splits the table or query into at most {@code partitions} ranges of ids with as many rows each as the rows
	 * allow; with {@code limit}, only its first {@code limit} rows in id order.
	 */
	public static List<KeyRange> split(JdbcTemplate jdbc, PostgresSourceSettings settings, int partitions,
			Long limit) {
		throw new UnsupportedOperationException("to be written");
	}

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
		relation = resolve();
		page.clear();
		exhausted = false;
		rowsFetched = recordsReadBefore(executionContext);
		resumeCountAt(rowsFetched);
		String lastIdKey = getExecutionContextKey(LAST_ID);
		lastHandedOutId = executionContext.containsKey(lastIdKey) ? executionContext.getString(lastIdKey) : null;
		lastFetchedId = lastHandedOutId == null ? null : relation.idFromText(jdbc, lastHandedOutId);
	}

	@Override
	protected SourceRecord readNext() {
		if (relation == null) {
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

	/** Rows of the whole table or query; may be called before {@link #open}, as progress logging does. */
	@Override
	public long countRecords() {
		PostgresRelation relation = resolve();
		return relation.query(jdbc, relation.countSql(), (row, number) -> row.getLong(1)).get(0);
	}

	/** Rows are read whole or not at all: a failing query throws instead. */
	@Override
	public Optional<String> unreadable() {
		return Optional.empty();
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
		relation = null;
	}

	private PostgresRelation resolve() {
		return settings.isQuery() ? PostgresQuery.resolve(jdbc, settings) : PostgresTable.resolve(jdbc, settings);
	}

	private void fetchPage() {
		List<SourceRecord> rows = lastFetchedId == null
				? relation.query(jdbc, relation.firstPageSql(), this::toRecord, settings.pageSize())
				: relation.query(jdbc, relation.nextPageSql(), this::toRecord, lastFetchedId, settings.pageSize());
		page.addAll(rows);
		// A short page is the last one, which saves a query that would return nothing.
		exhausted = rows.size() < settings.pageSize();
	}

	private SourceRecord toRecord(ResultSet row, int rowNumber) throws SQLException {
		lastFetchedId = row.getObject(PostgresRelation.ID);
		String id = row.getString(PostgresRelation.ID_TEXT);
		long line = ++rowsFetched;
		String text = joinedText(row);
		Map<String, String> fields = extraFields(row);
		return text.isEmpty()
				? SourceRecord.problem(settings.sourceName(), id, text, fields, line, "empty text")
				: SourceRecord.good(settings.sourceName(), id, text, fields, line);
	}

	private String joinedText(ResultSet row) throws SQLException {
		List<String> values = new ArrayList<>();
		for (int index = 0; index < relation.textColumns().size(); index++) {
			values.add(row.getString(PostgresRelation.FIRST_TEXT + index));
		}
		return SourceRecord.joinText(values);
	}

	private Map<String, String> extraFields(ResultSet row) throws SQLException {
		Map<String, String> fields = new LinkedHashMap<>();
		for (int index = 0; index < settings.extraColumns().size(); index++) {
			String value = row.getString(relation.firstExtraColumn() + index);
			fields.put(settings.extraColumns().get(index), value == null ? "" : value.strip());
		}
		if (relation.updatedAtColumn() != null) {
			String updatedAt = row.getString(relation.updatedAtPosition());
			fields.put(PostgresSourceSettings.UPDATED_AT, updatedAt == null ? "" : updatedAt);
		}
		return fields;
	}

}
