package dev.sift.source;

import static dev.sift.source.SourceRecords.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;
import org.springframework.batch.core.repository.dao.JacksonExecutionContextStringSerializer;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;

/**
 * A file split into ranges reads, range after range, exactly as the whole file does: the same records with the same
 * ids, lines, texts, fields and problems, and the same reason when reading stops at broken quoting.
 */
class CsvRangesTest {

	private static final int MORE_PARTITIONS_THAN_RECORDS = 1000;

	@TempDir
	static Path files;

	@TempDir
	Path dir;

	private static Path mixed;

	private static Path many;

	private static Path unterminated;

	@BeforeAll
	static void writeFiles() throws IOException {
		mixed = files.resolve("mixed.csv");
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		bytes.writeBytes(("\uFEFF# exported 2026-12-01\r\nid,text,channel\r\n# first batch\r\nA1,\"first\nof two\",app\r\n"
				+ "\r\nA2,plain,email\r\nA3,\"three\r\nlines\r\nlong\",chat\r\n#\r\n   \r\nA1,again,app\r\nA4,,app\r"
				+ ",no id,app\nA5,too,many,fields\r\nA6,caf").getBytes(StandardCharsets.UTF_8));
		bytes.write(0xE9);
		bytes.writeBytes((" au lait,app\r\nA2,\"dup\nof two\",app\r\nA7,\"# not a comment\",app\r\n\r\n# last\r\n"
				+ "A1,third,app\rA8,last,app").getBytes(StandardCharsets.UTF_8));
		Files.write(mixed, bytes.toByteArray());
		many = Files.writeString(files.resolve("many.csv"), manyRecords(), StandardCharsets.UTF_8);
		unterminated = Files.writeString(files.resolve("unterminated.csv"),
				"id,text\nA1,one\nA2,\"two\nlines\"\nA3,three\nA4,four\nA5,\"never closed\nA6,swallowed\nA7,also\n");
	}

	static Stream<Arguments> files() throws IOException {
		Path skipped = Files.writeString(files.resolve("skipped.csv"), "Exporting complaints...\r\nDone: 5 rows\nid,text\n"
				+ "C1,\"Billed twice,\nstill waiting\"\nC2,\nC3,fine\nC1,again\nC4,\"abc\"def\nC5,never read\n");
		Path headerless = Files.writeString(files.resolve("headerless.csv"), "\uFEFFA1,email,Late box\nA2,chat,\"two\n"
				+ "lines\"\n\nA3,app,Fine\nid,channel,text\nA1,app,again\nA4,app,last\n");
		Path headerlessSkipped = Files.writeString(files.resolve("headerless-skipped.csv"),
				"report of 2026-12-01\nA1;email;Late box\nA2;chat;Cold\nA3;app;Fine\n");
		Path runsOn = Files.writeString(files.resolve("runs-on.csv"),
				"id,text\nA1,fine\nA2,fine\nA3,\"never closed\nA4,plain\nA5,\"quoted\"\nA6,last\n");
		Path carriageReturns = Files.writeString(files.resolve("carriage-returns.csv"),
				"id,text\rA1,\"one\rtwo\"\rA2,three\r\rA3,four\rA1,five\r");
		Path withoutId = Files.writeString(files.resolve("without-id.tsv"),
				"rating\tverified_reviews\n5\tLove my Echo!\n4\t\"Sounds good,\nbut quiet\"\n5\tLove my Echo!\n");
		Path latin1 = Files.writeString(files.resolve("latin1.csv"), "id,text\nA1,Café crème\nA2,\"Grüße\naus Köln\"\n"
				+ "A3,Très bien\nA1,déjà vu\n", StandardCharsets.ISO_8859_1);
		Path headerOnly = Files.writeString(files.resolve("header-only.csv"), "id,text\r\n\r\n\r\n");
		return Stream.of(
				file("the sample feedback", CsvSourceSettings.of(Path.of("jobs/samples/feedback.csv"))
					.withExtraColumns("received_at", "channel", "product")),
				file("the sample products", CsvSourceSettings.of(Path.of("jobs/samples/products.csv"))
					.withColumns("sku", "name")
					.withExtraColumns("category", "features", "materials", "audience")),
				file("the sample survey", CsvSourceSettings.of(Path.of("jobs/samples/survey_responses.csv"))
					.withColumns("response_id", "comment")
					.withExtraColumns("respondent", "nps_score")),
				file("BOM, CRLF, comments, blank lines, quoted newlines, duplicates, invalid bytes",
						CsvSourceSettings.of(mixed).withCommentMarker('#').withExtraColumns("channel")),
				file("many records", CsvSourceSettings.of(many).withCommentMarker('#')),
				file("skip-lines and text after a closing quote", CsvSourceSettings.of(skipped).withSkipLines(2)),
				file("no header, a BOM and a header row inside",
						CsvSourceSettings.of(headerless).withoutHeader("id", "channel", "text")),
				file("no header after skip-lines", CsvSourceSettings.of(headerlessSkipped).withDelimiter(';')
					.withSkipLines(1)
					.withoutHeader("id", "channel", "text")),
				file("an unterminated quote", CsvSourceSettings.of(unterminated)),
				file("an unterminated quote running into a later quoted field", CsvSourceSettings.of(runsOn)),
				file("carriage returns only", CsvSourceSettings.of(carriageReturns)),
				file("no id column", CsvSourceSettings.of(withoutId).withColumns("", "verified_reviews")
					.withDelimiter('\t')),
				file("ISO-8859-1", CsvSourceSettings.of(latin1).withEncoding(StandardCharsets.ISO_8859_1)),
				file("a header and blank lines only", CsvSourceSettings.of(headerOnly)));
	}

	static Stream<Arguments> filesAndPartitions() throws IOException {
		return files().flatMap(file -> IntStream.of(1, 2, 3, 4, 5, MORE_PARTITIONS_THAN_RECORDS)
			.mapToObj(partitions -> Arguments.of(file.get()[0], partitions)));
	}

	@ParameterizedTest(name = "{0} in {1} partitions")
	@MethodSource("filesAndPartitions")
	void theRangesReadInTurnHandOutWhatTheWholeFileDoes(CsvSourceSettings settings, int partitions) {
		Read whole = read(new CsvSourceReader(settings));

		List<CsvRange> ranges = CsvSourceReader.split(settings, partitions, null);

		assertThat(ranges).hasSize(Math.max(1, Math.min(partitions, whole.records().size())));
		assertThat(readInTurn(settings, ranges)).isEqualTo(whole);
		assertThat(ranges.stream().mapToLong(CsvRange::records).sum()).isEqualTo(whole.records().size());
		assertEven(ranges, whole.records().size());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("files")
	void withALimitTheRangesHoldTheFirstRecords(CsvSourceSettings settings) {
		List<SourceRecord> whole = readAll(settings);

		for (long limit : new long[] { 0, 1, 3, whole.size() - 1L, whole.size(), whole.size() + 5L }) {
			if (limit < 0) {
				continue;
			}
			List<CsvRange> ranges = CsvSourceReader.split(settings, 3, limit);
			List<SourceRecord> expected = whole.subList(0, (int) Math.min(limit, whole.size()));

			assertThat(readInTurn(settings, ranges).records()).as("limit %d", limit).isEqualTo(expected);
			assertEven(ranges, expected.size());
		}
	}

	@Test
	void aRangeDoesNotReadTheFileBeforeItsFirstByte() throws IOException {
		for (Path original : List.of(many, unterminated)) {
			CsvSourceSettings originalSettings = CsvSourceSettings.of(original).withCommentMarker('#');
			Read whole = read(new CsvSourceReader(originalSettings));
			List<CsvRange> split = CsvSourceReader.split(originalSettings, 4, null);
			for (CsvRange range : split.subList(1, split.size())) {
				Path copy = Files.copy(original, dir.resolve(original.getFileName()));
				CsvSourceSettings settings = CsvSourceSettings.of(copy).withCommentMarker('#');
				CsvRange copied = CsvSourceReader.split(settings, 4, null).get(range.index());
				overwriteWithGarbage(copy, split.get(0).startByte(), copied.startByte());

				CsvSourceReader reader = new CsvSourceReader(settings, copied);
				List<SourceRecord> records = readAll(reader);

				assertThat(records).as(copied.describe()).isEqualTo(rangeOf(whole.records(), copied).stream()
					.map(record -> inFile(record, copy))
					.toList());
				assertThat(reader.unreadable()).isEqualTo(range.index() == split.size() - 1
						? whole.unreadable().map(reason -> reason.replace(original.toString(), copy.toString()))
						: Optional.empty());
				Files.delete(copy);
			}
		}
	}

	@Test
	void aFileOfAnotherSizeSinceTheSplitFailsTheRangeSayingToStartANewRun() throws IOException {
		Path file = Files.copy(many, dir.resolve("many.csv"));
		CsvRange range = CsvSourceReader.split(CsvSourceSettings.of(file), 3, null).get(1);
		FileTime modified = Files.getLastModifiedTime(file);
		Files.writeString(file, Files.readString(file) + "Z1,added later\n");
		Files.setLastModifiedTime(file, modified);
		CsvSourceReader reader = new CsvSourceReader(CsvSourceSettings.of(file), range);

		assertThatThrownBy(() -> reader.open(new ExecutionContext())).isInstanceOf(ItemStreamException.class)
			.hasMessageStartingWith(file + " has changed since the run split it into partitions (then "
					+ range.fileSize() + " bytes")
			.hasMessageContaining("now " + Files.size(file) + " bytes")
			.hasMessageEndingWith("so its ranges no longer hold the same records: start a new run");
	}

	@Test
	void aFileModifiedSinceTheSplitFailsTheRangeEvenWithTheSameSize() throws IOException {
		Path file = Files.copy(many, dir.resolve("many.csv"));
		CsvRange range = CsvSourceReader.split(CsvSourceSettings.of(file), 3, null).get(2);
		Files.setLastModifiedTime(file, FileTime.fromMillis(range.lastModifiedMillis() + 2000));
		CsvSourceReader reader = new CsvSourceReader(CsvSourceSettings.of(file), range);

		assertThatThrownBy(() -> reader.open(new ExecutionContext())).isInstanceOf(ItemStreamException.class)
			.hasMessageContaining("has changed since the run split it");
	}

	@Test
	void aMissingFileFailsTheRangeNamingThePathEveryWorkerNeeds() throws IOException {
		Path file = Files.copy(many, dir.resolve("many.csv"));
		CsvRange range = CsvSourceReader.split(CsvSourceSettings.of(file), 3, null).get(1);
		Files.delete(file);
		CsvSourceReader reader = new CsvSourceReader(CsvSourceSettings.of(file), range);

		assertThatThrownBy(() -> reader.open(new ExecutionContext())).isInstanceOf(ItemStreamException.class)
			.hasMessageStartingWith("cannot read " + file + " (")
			.hasMessageEndingWith(": every worker of a run needs the input file at the same path");
		assertThat(reader.countRecords()).isEqualTo(range.records());
	}

	@Test
	void aRangeOfAnotherFileIsRefused() {
		CsvRange range = CsvSourceReader.split(CsvSourceSettings.of(many), 3, null).get(1);

		assertThatThrownBy(() -> new CsvSourceReader(CsvSourceSettings.of(unterminated), range))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("the range is of " + many + ", but the reader reads " + unterminated);
	}

	@Test
	void aUtf16FileIsReadAsOneRangeAndRefusedInMore() throws IOException {
		Path file = Files.writeString(dir.resolve("utf16.csv"), "id,text\r\nA1,\"one\ntwo\"\r\nA2,ਊ\n\nA1,again\n",
				StandardCharsets.UTF_16);
		CsvSourceSettings settings = CsvSourceSettings.of(file).withEncoding(StandardCharsets.UTF_16);

		List<CsvRange> one = CsvSourceReader.split(settings, 1, null);

		assertThat(readInTurn(settings, one)).isEqualTo(read(new CsvSourceReader(settings)));
		assertThat(one.get(0).records()).isEqualTo(3);
		assertThatThrownBy(() -> CsvSourceReader.split(settings, 2, null)).isInstanceOf(IllegalArgumentException.class)
			.hasMessage(file + " is encoded in UTF-16, whose line breaks are not single bytes, so the file cannot be "
					+ "split into partitions: convert it to UTF-8, or use partitions: 1");
	}

	@Test
	void onlyEncodingsWithSingleByteLineBreaksCanBeSplit() {
		assertThat(Stream.of("UTF-8", "ISO-8859-1", "ISO-8859-15", "windows-1252", "US-ASCII", "Shift_JIS", "GB18030")
			.map(Charset::forName)).allMatch(CsvSourceReader::splittable);
		assertThat(Stream.of("UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32", "IBM037").map(Charset::forName))
			.noneMatch(CsvSourceReader::splittable);
	}

	@Test
	void aRestartInsideARangeGoesOnWithItsNextRecord() {
		CsvSourceSettings settings = CsvSourceSettings.of(many).withCommentMarker('#');
		List<SourceRecord> whole = readAll(settings);
		CsvRange range = CsvSourceReader.split(settings, 3, null).get(1);
		ExecutionContext context = new ExecutionContext();
		CsvSourceReader first = new CsvSourceReader(settings, range);
		first.open(context);
		List<SourceRecord> records = new ArrayList<>(List.of(first.read(), first.read(), first.read()));
		first.update(context);
		first.close();

		CsvSourceReader restarted = new CsvSourceReader(settings, range);
		records.addAll(readAll(restarted, context));

		assertThat(restarted.recordsReadBefore(context)).isEqualTo(range.records());
		assertThat(records).isEqualTo(rangeOf(whole, range));
	}

	@Test
	void aRestartOfTheRangeEndingAtBrokenQuotingHandsOutNothingAgainAndIsUnreadableAgain() {
		CsvSourceSettings settings = CsvSourceSettings.of(unterminated);
		CsvRange last = CsvSourceReader.split(settings, 2, null).get(1);
		ExecutionContext context = new ExecutionContext();
		assertThat(readAll(new CsvSourceReader(settings, last), context)).extracting(SourceRecord::id)
			.containsExactly("A3", "A4", "line-7");

		CsvSourceReader restarted = new CsvSourceReader(settings, last);

		assertThat(readAll(restarted, context)).isEmpty();
		assertThat(restarted.unreadable()).hasValueSatisfying(reason -> assertThat(reason)
			.startsWith(unterminated + " cannot be read past line 7: unterminated quote")
			.contains("4 records before line 7 can be read"));
	}

	@Test
	void theRangesOfAFileStartAtTheLinesOfTheirFirstRecordsWithTheIdsSeenBeforeThatRecurInThem() throws IOException {
		Path file = Files.writeString(dir.resolve("ids.csv"), "id,text\nA1,one\nA2,two\n# about A1\nA1,again\n\n"
				+ "A3,three\nA2,again\nA1,third\n");

		List<CsvRange> ranges = CsvSourceReader.split(CsvSourceSettings.of(file).withCommentMarker('#'), 3, null);

		// The comment line belongs to the record after it; the blank line to the range before.
		assertThat(ranges).extracting(CsvRange::startLine, CsvRange::endLine, CsvRange::firstRecord, CsvRange::records)
			.containsExactly(tuple(2L, 3L, 0L, 2L), tuple(4L, 7L, 2L, 2L), tuple(8L, 9L, 4L, 2L));
		assertThat(ranges).extracting(CsvRange::startByte).containsExactly(8L, 22L, 52L);
		assertThat(ranges).extracting(CsvRange::earlierIds)
			.containsExactly(Map.of(), Map.of("A1", 2L), Map.of("A1", 2L, "A2", 3L));
		assertThat(ranges).extracting(CsvRange::describe).containsExactly(
				"lines 2-3 of " + file + " (records 1-2)", "lines 4-7 of " + file + " (records 3-4)",
				"lines 8-9 of " + file + " (records 5-6)");
		assertThat(ranges).allSatisfy(range -> {
			assertThat(range.partitions()).isEqualTo(3);
			assertThat(range.fileSize()).isEqualTo(Files.size(file));
			assertThat(range.lastModifiedMillis()).isEqualTo(Files.getLastModifiedTime(file).toMillis());
		});
		assertThat(readAll(new CsvSourceReader(CsvSourceSettings.of(file).withCommentMarker('#'), ranges.get(2))))
			.extracting(SourceRecord::problem)
			.containsExactly(file + " line 8: duplicate id 'A2', first seen on line 3",
					file + " line 9: duplicate id 'A1', first seen on line 2");
	}

	@Test
	void aFileWithoutRecordsIsOneRangeOfNone() throws IOException {
		Path file = Files.writeString(dir.resolve("empty.csv"), "id,text\n");

		List<CsvRange> ranges = CsvSourceReader.split(CsvSourceSettings.of(file), 4, null);

		assertThat(ranges).singleElement().satisfies(range -> {
			assertThat(range.records()).isZero();
			assertThat(range.describe()).isEqualTo("no records of " + file);
			assertThat(readAll(new CsvSourceReader(CsvSourceSettings.of(file), range))).isEmpty();
		});
	}

	@Test
	void anUnusableFileFailsTheSplitAsItFailsARun() throws IOException {
		Path file = Files.writeString(dir.resolve("wrong.csv"), "ident,body\nA1,hello\n");

		assertThatThrownBy(() -> CsvSourceReader.split(CsvSourceSettings.of(file), 2, null))
			.isInstanceOf(ItemStreamException.class)
			.hasMessageContaining("no column 'id' (did you mean 'ident'?)");
	}

	static Stream<ExecutionContextSerializer> serializers() {
		return Stream.of(new DefaultExecutionContextSerializer(), new JacksonExecutionContextStringSerializer());
	}

	@ParameterizedTest
	@MethodSource("serializers")
	void aRangeSavedInAnExecutionContextIsReadBackAsItWasAfterTheRepositoryStoresIt(ExecutionContextSerializer
			serializer) throws IOException {
		CsvRange range = new CsvRange(2, 5, Path.of("/data/x.csv"), 104_857, 1204, 2410, 1000, 1000,
				Map.of("A1", 2L, "B \"7\"", 1100L), 9_000_000, 1_764_633_600_123L);
		ExecutionContext context = new ExecutionContext();

		range.writeTo(context);

		assertThat(SourceRange.from(stored(serializer, context))).hasValue(range);
		assertThat(context.entrySet()).allSatisfy(entry -> {
			assertThat(entry.getKey()).startsWith("sift.range.");
			assertThat(entry.getValue()).isInstanceOfAny(String.class, Integer.class, Long.class);
		});
	}

	@Test
	void aRangeIsDescribedByItsLinesAndRecords() {
		CsvRange range = new CsvRange(2, 5, Path.of("/data/x.csv"), 104_857, 1204, 2410, 1000, 1000, Map.of(), 1, 1);
		CsvRange oneLine = new CsvRange(0, 2, Path.of("/data/x.csv"), 8, 2, 2, 0, 1, Map.of(), 1, 1);

		assertThat(range.describe()).isEqualTo("lines 1,204-2,410 of /data/x.csv (records 1,001-2,000)");
		assertThat(oneLine.describe()).isEqualTo("line 2 of /data/x.csv (record 1)");
	}

	/** The context as a worker reads it back from the job repository. */
	static ExecutionContext stored(ExecutionContextSerializer serializer, ExecutionContext context) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		serializer.serialize(context.toMap(), out);
		return new ExecutionContext(serializer.deserialize(new ByteArrayInputStream(out.toByteArray())));
	}

	@Test
	void aContextWithoutARangeIsAWholeSourceStep() {
		assertThat(SourceRange.from(new ExecutionContext())).isEmpty();
	}

	private static void assertEven(List<CsvRange> ranges, long records) {
		long first = 0;
		for (int index = 0; index < ranges.size(); index++) {
			CsvRange range = ranges.get(index);
			assertThat(range.index()).isEqualTo(index);
			assertThat(range.partitions()).isEqualTo(ranges.size());
			assertThat(range.firstRecord()).isEqualTo(first);
			first += range.records();
			if (records > 0) {
				assertThat(range.records()).isBetween(records / ranges.size(), records / ranges.size() + 1);
			}
		}
	}

	private static Read readInTurn(CsvSourceSettings settings, List<CsvRange> ranges) {
		List<SourceRecord> records = new ArrayList<>();
		Optional<String> unreadable = Optional.empty();
		for (CsvRange range : ranges) {
			Read read = read(new CsvSourceReader(settings, range));
			assertThat(read.records()).hasSize((int) range.records());
			records.addAll(read.records());
			unreadable = read.unreadable();
		}
		return new Read(records, unreadable);
	}

	private static Read read(CsvSourceReader reader) {
		List<SourceRecord> records = readAll(reader);
		return new Read(records, reader.unreadable());
	}

	private static List<SourceRecord> rangeOf(List<SourceRecord> whole, CsvRange range) {
		return whole.subList((int) range.firstRecord(), (int) (range.firstRecord() + range.records()));
	}

	private static SourceRecord inFile(SourceRecord record, Path file) {
		String original = record.source();
		return new SourceRecord(file.toString(), record.id(), record.text(), record.fields(), record.line(),
				record.problem() == null ? null : record.problem().replace(original, file.toString()));
	}

	/** Same length, so the range's bytes stay where they were; quotes and line breaks that would misplace them. */
	private static void overwriteWithGarbage(Path file, long from, long to) throws IOException {
		FileTime modified = Files.getLastModifiedTime(file);
		byte[] bytes = Files.readAllBytes(file);
		byte[] garbage = "\"\n\r#,\u00ff".getBytes(StandardCharsets.UTF_8);
		for (int index = (int) from; index < to; index++) {
			bytes[index] = garbage[index % garbage.length];
		}
		Files.write(file, bytes);
		Files.setLastModifiedTime(file, modified);
	}

	private static Arguments file(String name, CsvSourceSettings settings) {
		return Arguments.of(Named.of(name, settings));
	}

	/** Records with quoted newlines, comment and blank lines, and ids repeated far from where they were first seen. */
	private static String manyRecords() {
		Random random = new Random(12);
		StringBuilder text = new StringBuilder("id,text\r\n");
		for (int record = 1; record <= 97; record++) {
			if (random.nextInt(8) == 0) {
				text.append("# note ").append(record).append('\n');
			}
			if (random.nextInt(8) == 0) {
				text.append('\n');
			}
			String id = random.nextInt(10) == 0 ? "R" + (1 + random.nextInt(record)) : "R" + record;
			String body = switch (random.nextInt(4)) {
				case 0 -> "\"line one of " + record + "\nline two, with a comma\"";
				case 1 -> "\"quoted \"\"word\"\" " + record + "\"";
				case 2 -> "";
				default -> "plain text " + record;
			};
			text.append(id).append(',').append(body).append(random.nextBoolean() ? "\r\n" : "\n");
		}
		return text.toString();
	}

	private record Read(List<SourceRecord> records, Optional<String> unreadable) {
	}

}
