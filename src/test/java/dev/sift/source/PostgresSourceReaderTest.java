package dev.sift.source;

import static dev.sift.source.SourceRecords.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import dev.sift.testing.TestDatabase;

class PostgresSourceReaderTest {

	private static final String TABLE = "pg_reader_feedback";

	private static final String BIG_TABLE = "pg_reader_big";

	private static final int BIG_TABLE_ROWS = 1_000_000;

	private static final long MEBIBYTE = 1024 * 1024;

	/** One connection kept open, as a pool would: a new session per page would dominate the timing. */
	private static final JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(
			TestDatabase.connection().url(), TestDatabase.connection().username(),
			TestDatabase.connection().password(), true));

	@BeforeAll
	static void createTables() {
		jdbc.execute("DROP TABLE IF EXISTS " + TABLE + ", pg_reader_keep");
		jdbc.execute("CREATE TABLE " + TABLE + " (id bigint PRIMARY KEY, channel text, title text, text text, "
				+ "note text)");
		// Inserted out of id order: reading must follow the ids, not the physical order.
		jdbc.update("INSERT INTO " + TABLE + " VALUES (30, 'app', 'Login', 'Cannot log in since the update', NULL), "
				+ "(10, 'email', NULL, '  Great box, \"fresh\" veggies  ', 'vip'), "
				+ "(20, NULL, 'Late', E'Box came late.\\nAgain.', NULL), "
				+ "(40, 'phone', '  ', '   ', NULL), "
				+ "(50, 'email', NULL, 'Lieferung kam zu spät 😞', NULL)");
		jdbc.execute("CREATE TABLE pg_reader_keep (id int)");
	}

	@Test
	void readsAllRowsInIdOrderWithExtrasAndJoinedTextColumns() {
		List<SourceRecord> records = readAll(reader(settings(List.of("title", "text"), List.of("note", "channel"), 2)));

		String source = "postgres:" + TABLE;
		assertThat(records).extracting(SourceRecord::id).containsExactly("10", "20", "30", "40", "50");
		assertThat(records).extracting(SourceRecord::line).containsExactly(1L, 2L, 3L, 4L, 5L);
		assertThat(records.get(0)).isEqualTo(SourceRecord.good(source, "10", "Great box, \"fresh\" veggies",
				Map.of("note", "vip", "channel", "email"), 1));
		assertThat(records.get(0).fields().keySet()).containsExactly("note", "channel");
		assertThat(records.get(1).text()).isEqualTo("Late\n\nBox came late.\nAgain.");
		assertThat(records.get(1).fields()).containsEntry("channel", "");
		assertThat(records.get(4).text()).isEqualTo("Lieferung kam zu spät 😞");
	}

	@Test
	void rowWithoutTextBecomesAProblemRecord() {
		List<SourceRecord> records = readAll(reader(settings(List.of("title", "text"), List.of(), 500)));

		assertThat(records).filteredOn(SourceRecord::hasProblem).singleElement().satisfies(problem -> {
			assertThat(problem.id()).isEqualTo("40");
			assertThat(problem.problem()).isEqualTo("postgres:" + TABLE + " line 4: empty text");
		});
	}

	@Test
	void unknownTableIsNamedWithASuggestion() {
		PostgresSourceReader reader = reader(new PostgresSourceSettings("pg_reader_feedbak", "id", List.of("text"),
				List.of(), 10));

		assertThatThrownBy(() -> reader.open(new ExecutionContext())).isInstanceOf(ItemStreamException.class)
			.hasMessageContaining("no table 'pg_reader_feedbak'")
			.hasMessageContaining("did you mean '" + TABLE + "'?");
	}

	@Test
	void unknownColumnsAreNamedTogetherWithSuggestionsAndTheExistingColumns() {
		PostgresSourceReader reader = reader(new PostgresSourceSettings("public." + TABLE, "idd", List.of("txt"),
				List.of("chanel"), 10));

		assertThatThrownBy(() -> reader.open(new ExecutionContext())).isInstanceOf(ItemStreamException.class)
			.hasMessageContaining("no column 'idd' (did you mean 'id'?)")
			.hasMessageContaining("no column 'txt' (did you mean 'text'?)")
			.hasMessageContaining("no column 'chanel' (did you mean 'channel'?)")
			.hasMessageContaining("columns found: 'id', 'channel', 'title', 'text', 'note'");
	}

	@Test
	void idColumnMustBeUniqueBecauseRowsArePagedByIt() {
		PostgresSourceReader reader = reader(new PostgresSourceSettings(TABLE, "channel", List.of("text"), List.of(),
				10));

		assertThatThrownBy(() -> reader.open(new ExecutionContext())).isInstanceOf(ItemStreamException.class)
			.hasMessageContaining("id column 'channel' needs a primary key");
	}

	@Test
	void sqlInATableNameIsAnUnknownTableAndNeverExecuted() {
		PostgresSourceReader reader = reader(new PostgresSourceSettings(TABLE + "; drop table pg_reader_keep", "id",
				List.of("text"), List.of(), 10));

		assertThatThrownBy(() -> reader.open(new ExecutionContext())).isInstanceOf(ItemStreamException.class)
			.hasMessageContaining("no table '" + TABLE + "; drop table pg_reader_keep'");
		assertThatThrownBy(reader::countRecords).isInstanceOf(ItemStreamException.class);
		assertThat(jdbc.queryForObject("SELECT to_regclass('pg_reader_keep') IS NOT NULL", Boolean.class)).isTrue();
	}

	@Test
	void restartContinuesAfterTheLastRecordHandedOutWithoutDuplicates() {
		// Two rows per page: the third record is handed out while the fourth already waits in memory.
		PostgresSourceSettings settings = settings(List.of("text"), List.of(), 2);
		ExecutionContext context = new ExecutionContext();
		PostgresSourceReader first = reader(settings);
		first.open(context);
		List<SourceRecord> records = new ArrayList<>(List.of(first.read(), first.read(), first.read()));
		first.update(context);
		first.close();

		PostgresSourceReader restarted = reader(settings);
		restarted.open(context);
		assertThat(restarted.recordsReadBefore(context)).isEqualTo(3);
		for (SourceRecord record = restarted.read(); record != null; record = restarted.read()) {
			records.add(record);
		}
		restarted.close();

		assertThat(records).extracting(SourceRecord::id).containsExactly("10", "20", "30", "40", "50");
		assertThat(records).extracting(SourceRecord::line).containsExactly(1L, 2L, 3L, 4L, 5L);
	}

	@Test
	void countsTheRowsOfTheTableBeforeOpening() {
		assertThat(reader(settings(List.of("text"), List.of(), 2)).countRecords()).isEqualTo(5);
	}

	/**
	 * Eden's peak only shows how far the collector let garbage pile up (it grew past 100 MiB with fast reads), so the
	 * bound is on what survives collections: the peak of the survivor and old pools, and the heap live after a GC.
	 */
	@Test
	void readsAMillionRowsInBoundedMemory() {
		jdbc.execute("DROP TABLE IF EXISTS " + BIG_TABLE);
		jdbc.execute("CREATE TABLE " + BIG_TABLE + " (id bigint PRIMARY KEY, channel text, text text)");
		jdbc.update("INSERT INTO " + BIG_TABLE + " SELECT n, 'email', 'Feedback number ' || n || ': the box was "
				+ "late and the salad was wilted, please call me back' FROM generate_series(1, ?) AS n", BIG_TABLE_ROWS);
		PostgresSourceReader reader = reader(new PostgresSourceSettings(BIG_TABLE, "id", List.of("text"),
				List.of("channel"), 1000));
		long startHeap = heapAfterGc();
		long startSurviving = used(survivingPools());
		heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
		long started = System.nanoTime();

		reader.open(new ExecutionContext());
		long count = 0;
		long lastId = 0;
		long liveAboveStart = 0;
		for (SourceRecord record = reader.read(); record != null; record = reader.read()) {
			count++;
			assertThat(Long.parseLong(record.id())).isGreaterThan(lastId);
			lastId = Long.parseLong(record.id());
			if (count % 200_000 == 0) {
				liveAboveStart = Math.max(liveAboveStart, heapAfterGc() - startHeap);
			}
		}
		reader.close();

		long millis = (System.nanoTime() - started) / 1_000_000;
		long peakAboveStart = peak(heapPools()) - startHeap;
		long survivingPeakAboveStart = peak(survivingPools()) - startSurviving;
		System.out.printf("%d rows read in %d ms; heap peak %d MiB above start (eden included), survivor+old peak "
				+ "%d MiB above start, live after GC at most %d MiB above start%n", count, millis,
				peakAboveStart / MEBIBYTE, survivingPeakAboveStart / MEBIBYTE, liveAboveStart / MEBIBYTE);
		jdbc.execute("DROP TABLE " + BIG_TABLE);
		assertThat(count).isEqualTo(BIG_TABLE_ROWS);
		assertThat(survivingPeakAboveStart).isLessThan(64 * MEBIBYTE);
		assertThat(liveAboveStart).isLessThan(64 * MEBIBYTE);
	}

	private static long heapAfterGc() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static List<MemoryPoolMXBean> heapPools() {
		return ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(pool -> pool.getType() == MemoryType.HEAP)
			.toList();
	}

	private static List<MemoryPoolMXBean> survivingPools() {
		return heapPools().stream().filter(pool -> !pool.getName().contains("Eden")).toList();
	}

	private static long used(List<MemoryPoolMXBean> pools) {
		return pools.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
	}

	private static long peak(List<MemoryPoolMXBean> pools) {
		return pools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
	}

	private static PostgresSourceSettings settings(List<String> textColumns, List<String> extraColumns,
			int pageSize) {
		return new PostgresSourceSettings(TABLE, "id", textColumns, extraColumns, pageSize);
	}

	private static PostgresSourceReader reader(PostgresSourceSettings settings) {
		return new PostgresSourceReader(jdbc, settings);
	}

}
