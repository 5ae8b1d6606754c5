package dev.sift.source;

import static dev.sift.source.SourceRecords.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;
import org.springframework.batch.core.repository.dao.JacksonExecutionContextStringSerializer;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import dev.sift.testing.TestDatabase;

/** A table or query split into ranges of ids reads, range after range, exactly as the whole source does. */
class PostgresRangesTest {

	private static final String GAPS = "pg_ranges_gaps";

	private static final String CODES = "pg_ranges_codes";

	private static final String EMPTY = "pg_ranges_empty";

	private static final String GROWING = "pg_ranges_growing";

	private static final JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(
			TestDatabase.connection().url(), TestDatabase.connection().username(),
			TestDatabase.connection().password(), true));

	@BeforeAll
	static void createTables() {
		jdbc.execute("DROP TABLE IF EXISTS " + GAPS + ", " + CODES + ", " + EMPTY + ", " + GROWING);
		jdbc.execute("CREATE TABLE " + GAPS + " (id bigint PRIMARY KEY, channel text, text text)");
		// Out of id order, with gaps; 9 sorts after 10 as text but not as a number.
		jdbc.update("INSERT INTO " + GAPS + " VALUES (1000, 'app', 'Late box'), (3, 'email', 'Great salmon'), "
				+ "(9, 'app', 'Cold'), (10, NULL, '   '), (11, 'chat', E'Two\\nlines'), (100, 'app', 'Fine'), "
				+ "(4, 'email', 'Missing garlic'), (77777, 'app', 'Last one'), (25, 'app', 'Spät 😞'), "
				+ "(26, 'phone', 'Refund please'), (5000, 'app', 'Great'), (101, 'chat', 'Meh'), (1001, 'app', 'Ok')");
		jdbc.execute("CREATE TABLE " + CODES + " (code text PRIMARY KEY, text text)");
		jdbc.update("INSERT INTO " + CODES + " VALUES ('a-10', 'ten'), ('B-2', 'two'), ('a-2', 'two again'), "
				+ "('9', 'nine'), ('10', 'ten again'), ('Zed', 'zed'), ('it''s', 'quoted'), ('ä', 'umlaut')");
		jdbc.execute("CREATE TABLE " + EMPTY + " (id int PRIMARY KEY, text text)");
	}

	static Stream<Arguments> sources() {
		return Stream.of(
				source("a table with integer ids and gaps", new PostgresSourceSettings(GAPS, "id", List.of("text"),
						List.of("channel"), 2)),
				source("a table with text ids", new PostgresSourceSettings(CODES, "code", List.of("text"), List.of(),
						3)),
				source("a query with integer ids", query("SELECT id AS feedback_id, upper(channel) AS channel_code, "
						+ "text AS body FROM " + GAPS + " WHERE id <> 4 -- a trailing comment", "feedback_id", "body")),
				source("a query with text ids", query("SELECT 'FB-' || id AS code, text FROM " + GAPS, "code",
						"text")));
	}

	static Stream<Arguments> sourcesAndPartitions() {
		return sources().flatMap(source -> IntStream.of(1, 2, 3, 4, 5, 100)
			.mapToObj(partitions -> Arguments.of(source.get()[0], partitions)));
	}

	@ParameterizedTest(name = "{0} in {1} partitions")
	@MethodSource("sourcesAndPartitions")
	void theRangesReadInTurnHandOutWhatTheWholeSourceDoes(PostgresSourceSettings settings, int partitions) {
		List<SourceRecord> whole = readAll(new PostgresSourceReader(jdbc, settings));

		List<KeyRange> ranges = PostgresSourceReader.split(jdbc, settings, partitions, null);

		assertThat(ranges).hasSize(Math.min(partitions, whole.size()));
		assertThat(readInTurn(settings, ranges)).isEqualTo(whole);
		assertEven(ranges, whole.size());
		assertThat(ranges.get(ranges.size() - 1).lastId()).isEqualTo(whole.get(whole.size() - 1).id());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("sources")
	void withALimitTheRangesHoldTheFirstRows(PostgresSourceSettings settings) {
		List<SourceRecord> whole = readAll(new PostgresSourceReader(jdbc, settings));

		for (long limit : new long[] { 0, 1, 5, whole.size(), whole.size() + 3L }) {
			List<KeyRange> ranges = PostgresSourceReader.split(jdbc, settings, 3, limit);
			List<SourceRecord> expected = whole.subList(0, (int) Math.min(limit, whole.size()));

			assertThat(readInTurn(settings, ranges)).as("limit %d", limit).isEqualTo(expected);
			assertEven(ranges, expected.size());
		}
	}

	@Test
	void theRangesOfATableAreItsIdsInTheColumnsOwnOrder() {
		PostgresSourceSettings settings = new PostgresSourceSettings(GAPS, "id", List.of("text"), List.of(), 10);

		List<KeyRange> ranges = PostgresSourceReader.split(jdbc, settings, 3, null);

		assertThat(ranges).extracting(KeyRange::afterId, KeyRange::lastId, KeyRange::firstRecord, KeyRange::records)
			.containsExactly(tuple(null, "11", 0L, 5L), tuple("11", "101", 5L, 4L), tuple("101", "77777", 9L, 4L));
		assertThat(ranges).extracting(KeyRange::describe).containsExactly(
				"ids up to 11 of postgres:" + GAPS + " (rows 1-5)",
				"ids after 11 up to 101 of postgres:" + GAPS + " (rows 6-9)",
				"ids after 101 up to 77777 of postgres:" + GAPS + " (rows 10-13)");
		assertThat(new PostgresSourceReader(jdbc, settings, ranges.get(1)).countRecords()).isEqualTo(4);
	}

	@Test
	void aRestartInsideARangeGoesOnWithItsNextRowNumberedOn() {
		PostgresSourceSettings settings = new PostgresSourceSettings(GAPS, "id", List.of("text"), List.of(), 2);
		KeyRange range = PostgresSourceReader.split(jdbc, settings, 2, null).get(1);
		ExecutionContext context = new ExecutionContext();
		PostgresSourceReader first = new PostgresSourceReader(jdbc, settings, range);
		first.open(context);
		List<SourceRecord> records = new ArrayList<>(List.of(first.read(), first.read(), first.read()));
		first.update(context);
		first.close();

		List<SourceRecord> rest = readAll(new PostgresSourceReader(jdbc, settings, range), context);
		records.addAll(rest);

		assertThat(rest).hasSize(3);
		assertThat(records).extracting(SourceRecord::id, SourceRecord::line).containsExactly(tuple("100", 8L),
				tuple("101", 9L), tuple("1000", 10L), tuple("1001", 11L), tuple("5000", 12L), tuple("77777", 13L));
		assertThat(context.getLong("PostgresSourceReader.read.count")).isEqualTo(range.records());
	}

	@Test
	void aRangeReadsTheRowsWhoseIdsItHoldsWhenItIsRead() {
		jdbc.execute("DROP TABLE IF EXISTS " + GROWING);
		jdbc.execute("CREATE TABLE " + GROWING + " (id int PRIMARY KEY, text text)");
		jdbc.update("INSERT INTO " + GROWING + " SELECT n * 10, 'row ' || n FROM generate_series(1, 6) AS n");
		PostgresSourceSettings settings = new PostgresSourceSettings(GROWING, "id", List.of("text"), List.of(), 10);
		List<KeyRange> ranges = PostgresSourceReader.split(jdbc, settings, 2, null);
		jdbc.update("INSERT INTO " + GROWING + " VALUES (15, 'added inside the first range'), (70, 'added after')");
		jdbc.update("DELETE FROM " + GROWING + " WHERE id = 40");

		assertThat(readInTurn(settings, ranges)).extracting(SourceRecord::id)
			.containsExactly("10", "15", "20", "30", "50", "60");
	}

	@Test
	void aSourceWithoutRowsIsOneRangeOfNone() {
		PostgresSourceSettings settings = new PostgresSourceSettings(EMPTY, "id", List.of("text"), List.of(), 10);

		List<KeyRange> ranges = PostgresSourceReader.split(jdbc, settings, 4, null);

		assertThat(ranges).containsExactly(new KeyRange(0, 1, "postgres:" + EMPTY, null, null, 0, 0));
		jdbc.update("INSERT INTO " + EMPTY + " VALUES (1, 'added after the split')");
		assertThat(readAll(new PostgresSourceReader(jdbc, settings, ranges.get(0)))).isEmpty();
		assertThat(ranges.get(0).describe()).isEqualTo("no rows of postgres:" + EMPTY);
		jdbc.update("DELETE FROM " + EMPTY);
	}

	@Test
	void aRangeOfAnotherSourceIsRefused() {
		PostgresSourceSettings settings = new PostgresSourceSettings(GAPS, "id", List.of("text"), List.of(), 10);
		KeyRange range = PostgresSourceReader.split(jdbc, settings, 2, null).get(0);
		PostgresSourceSettings other = new PostgresSourceSettings(CODES, "code", List.of("text"), List.of(), 10);

		assertThatThrownBy(() -> new PostgresSourceReader(jdbc, other, range))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("the range is of postgres:" + GAPS + ", but the reader reads postgres:" + CODES);
	}

	static Stream<ExecutionContextSerializer> serializers() {
		return Stream.of(new DefaultExecutionContextSerializer(), new JacksonExecutionContextStringSerializer());
	}

	@ParameterizedTest
	@MethodSource("serializers")
	void aRangeSavedInAnExecutionContextIsReadBackAsItWasAfterTheRepositoryStoresIt(
			ExecutionContextSerializer serializer) throws IOException {
		KeyRange first = new KeyRange(0, 3, "postgres:feedback", null, "it's 1000", 0, 1000);
		KeyRange later = new KeyRange(1, 3, "postgres:feedback", "it's 1000", "2000", 1000, 1000);
		ExecutionContext context = new ExecutionContext();

		later.writeTo(context);
		first.writeTo(context);

		assertThat(SourceRange.from(CsvRangesTest.stored(serializer, context))).hasValue(first);
		later.writeTo(context);
		assertThat(SourceRange.from(CsvRangesTest.stored(serializer, context))).hasValue(later);
		assertThat(later.describe()).isEqualTo("ids after it's 1000 up to 2000 of postgres:feedback (rows 1,001-2,000)");
	}

	private static List<SourceRecord> readInTurn(PostgresSourceSettings settings, List<KeyRange> ranges) {
		List<SourceRecord> records = new ArrayList<>();
		for (KeyRange range : ranges) {
			records.addAll(readAll(new PostgresSourceReader(jdbc, settings, range)));
		}
		return records;
	}

	private static void assertEven(List<KeyRange> ranges, long rows) {
		long first = 0;
		for (int index = 0; index < ranges.size(); index++) {
			KeyRange range = ranges.get(index);
			assertThat(range.index()).isEqualTo(index);
			assertThat(range.partitions()).isEqualTo(ranges.size());
			assertThat(range.firstRecord()).isEqualTo(first);
			assertThat(range.afterId()).isEqualTo(index == 0 ? null : ranges.get(index - 1).lastId());
			first += range.records();
			if (rows > 0) {
				assertThat(range.records()).isBetween(rows / ranges.size(), rows / ranges.size() + 1);
			}
		}
		assertThat(first).isEqualTo(rows);
	}

	private static PostgresSourceSettings query(String sql, String idColumn, String textColumn) {
		return new PostgresSourceSettings(null, sql, idColumn, List.of(textColumn), List.of(), null, 2);
	}

	private static Arguments source(String name, PostgresSourceSettings settings) {
		return Arguments.of(Named.of(name, settings));
	}

}
