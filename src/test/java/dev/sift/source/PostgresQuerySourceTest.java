package dev.sift.source;

import static dev.sift.source.SourceRecords.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.sift.testing.TestDatabase;

/** A read-only query as a source: paged like a table, and never able to change the database. */
class PostgresQuerySourceTest {

	private static final String TABLE = "pg_query_feedback";

	private static final String WRITES = "pg_query_writes";

	/** Every channel but the phone: three rows, and the row without text. */
	private static final String QUERY = """
			SELECT f.id AS feedback_id, upper(f.channel) AS channel_code, f.text AS body, f.changed_at
			FROM pg_query_feedback f
			WHERE f.channel <> 'phone' -- trailing comments must not swallow the paging
			""";

	private static final SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
			TestDatabase.connection().url(), TestDatabase.connection().username(),
			TestDatabase.connection().password(), true);

	private static final JdbcTemplate jdbc = new JdbcTemplate(dataSource);

	@BeforeAll
	static void createTables() {
		jdbc.execute("DROP TABLE IF EXISTS " + TABLE + ", " + WRITES);
		jdbc.execute("CREATE TABLE " + TABLE + " (id bigint PRIMARY KEY, channel text, text text, "
				+ "changed_at timestamptz NOT NULL DEFAULT '2026-11-01 10:00+00')");
		jdbc.update("INSERT INTO " + TABLE + " (id, channel, text) VALUES (40, 'email', 'Box came late'), "
				+ "(10, 'app', 'Love the app'), (20, 'phone', 'Called about a refund'), (30, 'chat', '  '), "
				+ "(50, 'email', 'Lieferung kam zu spät 😞')");
		jdbc.execute("CREATE TABLE " + WRITES + " (note text)");
		jdbc.execute("CREATE OR REPLACE FUNCTION pg_query_write() RETURNS int LANGUAGE sql AS "
				+ "'INSERT INTO " + WRITES + " VALUES (''written by a query''); SELECT 1'");
	}

	@BeforeEach
	void noWrites() {
		jdbc.update("DELETE FROM " + WRITES);
	}

	@Test
	void readsTheQueryResultInIdOrderAcrossPagesWithExtrasAndUpdatedAt() {
		PostgresSourceSettings settings = settings(QUERY, "feedback_id", List.of("channel_code"), 2);

		List<SourceRecord> records = readAll(reader(settings));

		assertThat(settings.sourceName()).matches("postgres:query:[0-9a-f]{12}");
		assertThat(records).extracting(SourceRecord::id).containsExactly("10", "30", "40", "50");
		assertThat(records).extracting(SourceRecord::line).containsExactly(1L, 2L, 3L, 4L);
		assertThat(records.get(0)).isEqualTo(SourceRecord.good(settings.sourceName(), "10", "Love the app",
				Map.of("channel_code", "APP", "updated_at", "2026-11-01 10:00:00+00"), 1));
		assertThat(records.get(1).problem()).isEqualTo(settings.sourceName() + " line 2: empty text");
		assertThat(records.get(3).text()).isEqualTo("Lieferung kam zu spät 😞");
	}

	@Test
	void countsTheQueryRows() {
		assertThat(reader(settings(QUERY, "feedback_id", List.of(), 2)).countRecords()).isEqualTo(4);
	}

	@Test
	void restartContinuesAfterTheLastRecordHandedOutWithoutDuplicates() {
		PostgresSourceSettings settings = settings(QUERY, "feedback_id", List.of(), 2);
		ExecutionContext context = new ExecutionContext();
		PostgresSourceReader first = reader(settings);
		first.open(context);
		List<SourceRecord> records = new ArrayList<>(List.of(first.read(), first.read(), first.read()));
		first.update(context);
		first.close();

		PostgresSourceReader restarted = reader(settings);
		restarted.open(context);
		for (SourceRecord record = restarted.read(); record != null; record = restarted.read()) {
			records.add(record);
		}
		restarted.close();

		assertThat(records).extracting(SourceRecord::id).containsExactly("10", "30", "40", "50");
		assertThat(records).extracting(SourceRecord::line).containsExactly(1L, 2L, 3L, 4L);
	}

	@Test
	void restartComparesTextIdsAsText() {
		PostgresSourceSettings settings = settings("SELECT 'FB-' || id AS code, text FROM " + TABLE, "code",
				List.of(), 3);
		ExecutionContext context = new ExecutionContext();
		PostgresSourceReader first = reader(settings);
		first.open(context);
		first.read();
		first.read();
		first.update(context);
		first.close();

		PostgresSourceReader restarted = reader(settings);
		restarted.open(context);
		assertThat(restarted.read().id()).isEqualTo("FB-30");
		restarted.close();
	}

	@Test
	void aQueryThatWritesThroughAFunctionIsRefusedAndWritesNothing() {
		PostgresSourceReader reader = reader(settings("SELECT id, text, pg_query_write() AS w FROM " + TABLE, "id",
				List.of(), 10));

		// Looking at the query's columns fetches no row, so the function first runs for the first page.
		reader.open(new ExecutionContext());
		assertThatThrownBy(reader::read).isInstanceOf(ItemStreamException.class)
			.hasMessageContaining("tries to write, but a query source may only read")
			.hasMessageContaining("read-only transaction");
		reader.close();
		assertThat(jdbc.queryForObject("SELECT count(*) FROM " + WRITES, Long.class)).isZero();
	}

	@Test
	void aQueryWithADataModifyingWithIsRefusedAndWritesNothing() {
		PostgresSourceReader reader = reader(settings("WITH w AS (INSERT INTO " + WRITES
				+ " VALUES ('x') RETURNING note) SELECT id, text FROM " + TABLE + ", w", "id", List.of(), 10));

		assertThatThrownBy(() -> reader.open(new ExecutionContext())).isInstanceOf(ItemStreamException.class)
			.hasMessageContaining("tries to write, but a query source may only read");
		assertThat(jdbc.queryForObject("SELECT count(*) FROM " + WRITES, Long.class)).isZero();
	}

	@Test
	void readsInsideTheCallersTransactionAndLeavesItWritable() {
		TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

		List<SourceRecord> records = transaction.execute(status -> {
			jdbc.update("INSERT INTO " + WRITES + " VALUES ('before')");
			List<SourceRecord> read = readAll(reader(settings(QUERY, "feedback_id", List.of(), 3)));
			jdbc.update("INSERT INTO " + WRITES + " VALUES ('after')");
			return read;
		});

		assertThat(records).hasSize(4);
		assertThat(jdbc.queryForList("SELECT note FROM " + WRITES + " ORDER BY note", String.class))
			.containsExactly("after", "before");
	}

	@Test
	void misspelledColumnsAreNamedTogetherWithSuggestionsAndTheQueryColumns() {
		PostgresSourceReader reader = reader(new PostgresSourceSettings(null, QUERY, "feedback_idd", List.of("bdy"),
				List.of("channel_cod"), "changed", 10));

		assertThatThrownBy(() -> reader.open(new ExecutionContext())).isInstanceOf(ItemStreamException.class)
			.hasMessageContaining("no column 'feedback_idd' (did you mean 'feedback_id'?)")
			.hasMessageContaining("no column 'bdy' (did you mean 'body'?)")
			.hasMessageContaining("no column 'channel_cod' (did you mean 'channel_code'?)")
			.hasMessageContaining("no column 'changed' (did you mean 'changed_at'?)")
			.hasMessageContaining("columns found: 'feedback_id', 'channel_code', 'body', 'changed_at'");
	}

	@Test
	void aColumnTheQueryReturnsTwiceCannotBeUsed() {
		PostgresSourceReader reader = reader(new PostgresSourceSettings(null,
				"SELECT id, text, id FROM " + TABLE, "id", List.of("text"), List.of(), null, 10));

		assertThatThrownBy(() -> reader.open(new ExecutionContext())).isInstanceOf(ItemStreamException.class)
			.hasMessageContaining("column 'id' appears 2 times in the query's result");
	}

	@Test
	void aQueryPostgresCannotRunIsReportedWithItsSourceName() {
		PostgresSourceSettings settings = settings("SELECT id, text FROM pg_query_nowhere", "id", List.of(), 10);

		assertThatThrownBy(() -> reader(settings).open(new ExecutionContext())).isInstanceOf(ItemStreamException.class)
			.hasMessageContaining("query " + settings.sourceName() + " failed")
			.hasMessageContaining("pg_query_nowhere");
	}

	@Test
	void aTableKeepsItsUpdatedAtColumnAsTheUpdatedAtField() {
		List<SourceRecord> records = readAll(reader(new PostgresSourceSettings(TABLE, null, "id", List.of("text"),
				List.of("channel"), "changed_at", 10)));

		assertThat(records.get(0).fields()).containsExactly(Map.entry("channel", "app"),
				Map.entry("updated_at", "2026-11-01 10:00:00+00"));
	}

	private static PostgresSourceSettings settings(String query, String idColumn, List<String> extraColumns,
			int pageSize) {
		String text = query.contains("body") ? "body" : "text";
		String updatedAt = query.contains("changed_at") ? "changed_at" : null;
		return new PostgresSourceSettings(null, query, idColumn, List.of(text), extraColumns, updatedAt, pageSize);
	}

	private static PostgresSourceReader reader(PostgresSourceSettings settings) {
		return new PostgresSourceReader(jdbc, settings);
	}

}
