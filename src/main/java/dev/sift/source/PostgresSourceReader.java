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
 * <p>
 * A run split into partitions reads one {@link KeyRange} of ids per reader, as {@link #split} cut them: its pages
 * are bounded by the range's last id too, and its records are numbered on from the rows before the range.
 */
public class PostgresSourceReader extends CountedSourceReader {

	private static final String LAST_ID = "last.id";

	private final JdbcTemplate jdbc;

	private final PostgresSourceSettings settings;

	/** The range read, or {@code null} for the whole source. */
	private final KeyRange range;

	private final Deque<SourceRecord> page = new ArrayDeque<>();

	private PostgresRelation relation;

	private Object lastFetchedId;

	/** The range's last id, bound as its page queries compare it; {@code null} for the whole source. */
	private Object upToId;

	private String lastHandedOutId;

	private long rowsFetched;

	private boolean exhausted;

	/**
	 * A reader of one range of ids, as {@link #split} found it: the rows whose ids are in the range when it is read,
	 * numbered on from the rows before the range.
	 */
	public PostgresSourceReader(JdbcTemplate jdbc, PostgresSourceSettings settings, KeyRange range) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
		this.settings = Objects.requireNonNull(settings, "settings");
		this.range = Objects.requireNonNull(range, "range");
		if (!range.source().equals(settings.sourceName())) {
			throw new IllegalArgumentException("the range is of " + range.source() + ", but the reader reads "
					+ settings.sourceName());
		}
	}

	public PostgresSourceReader(JdbcTemplate jdbc, PostgresSourceSettings settings) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
		this.settings = Objects.requireNonNull(settings, "settings");
		this.range = null;
	}

	/**
	 * Splits the table or query into at most {@code partitions} ranges of ids with as many rows each as the rows
	 * allow, by one query; with {@code limit}, only its first {@code limit} rows in id order. A source without rows
	 * has one range of none.
	 *
	 * @throws org.springframework.batch.infrastructure.item.ItemStreamException when the source cannot be read, as
	 * {@link #open} does
	 */
	public static List<KeyRange> split(JdbcTemplate jdbc, PostgresSourceSettings settings, int partitions,
			Long limit) {
		if (partitions < 1) {
			throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
		}
		if (limit != null && limit < 0) {
			throw new IllegalArgumentException("limit must not be negative, was " + limit);
		}
		PostgresRelation relation = resolve(jdbc, settings);
		List<RangeEnd> ends = relation.query(jdbc, relation.splitSql(),
				(row, number) -> new RangeEnd(row.getString(1), row.getLong(2)), partitions,
				limit == null ? Long.MAX_VALUE : limit);
		if (ends.isEmpty()) {
			return List.of(new KeyRange(0, 1, settings.sourceName(), null, null, 0, 0));
		}
		List<KeyRange> ranges = new ArrayList<>(ends.size());
		String afterId = null;
		long firstRecord = 0;
		for (RangeEnd end : ends) {
			ranges.add(new KeyRange(ranges.size(), ends.size(), settings.sourceName(), afterId, end.lastId(),
					firstRecord, end.rows()));
			afterId = end.lastId();
			firstRecord += end.rows();
		}
		return ranges;
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
		relation = resolve(jdbc, settings);
		page.clear();
		long readBefore = recordsReadBefore(executionContext);
		rowsFetched = (range == null ? 0 : range.firstRecord()) + readBefore;
		resumeCountAt(readBefore);
		String lastIdKey = getExecutionContextKey(LAST_ID);
		lastHandedOutId = executionContext.containsKey(lastIdKey) ? executionContext.getString(lastIdKey) : null;
		String readAfter = lastHandedOutId != null || range == null ? lastHandedOutId : range.afterId();
		lastFetchedId = readAfter == null ? null : relation.idFromText(jdbc, readAfter);
		upToId = range == null || range.lastId() == null ? null : relation.idFromText(jdbc, range.lastId());
		// The one range of a source that had no rows holds none.
		exhausted = range != null && range.lastId() == null;
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

	/**
	 * Rows of the whole table or query, or of the range when it was split; may be called before {@link #open}, as
	 * progress logging does.
	 */
	@Override
	public long countRecords() {
		if (range != null) {
			return range.records();
		}
		PostgresRelation relation = resolve(jdbc, settings);
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

	private static PostgresRelation resolve(JdbcTemplate jdbc, PostgresSourceSettings settings) {
		return settings.isQuery() ? PostgresQuery.resolve(jdbc, settings) : PostgresTable.resolve(jdbc, settings);
	}

	private void fetchPage() {
		List<SourceRecord> rows;
		if (upToId == null) {
			rows = lastFetchedId == null
					? relation.query(jdbc, relation.firstPageSql(), this::toRecord, settings.pageSize())
					: relation.query(jdbc, relation.nextPageSql(), this::toRecord, lastFetchedId, settings.pageSize());
		}
		else {
			rows = lastFetchedId == null
					? relation.query(jdbc, relation.firstPageUpToSql(), this::toRecord, upToId, settings.pageSize())
					: relation.query(jdbc, relation.nextPageUpToSql(), this::toRecord, lastFetchedId, upToId,
							settings.pageSize());
		}
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

	/** The last id of a range as text, and its rows. */
	private record RangeEnd(String lastId, long rows) {
	}

}
