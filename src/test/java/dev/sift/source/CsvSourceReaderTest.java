package dev.sift.source;

import static dev.sift.source.SourceRecords.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;

class CsvSourceReaderTest {

	@TempDir
	Path dir;

	@Test
	void readsRecordsWithExtraFieldsInConfiguredOrder() throws IOException {
		Path file = write("id,channel,text,product\nA1,email,Great box,Veggie\nA2,app,Late again,Family\n");

		List<SourceRecord> records = readAll(CsvSourceSettings.of(file).withExtraColumns("product", "channel"));

		assertThat(records).containsExactly(
				SourceRecord.good(file.toString(), "A1", "Great box", Map.of("product", "Veggie", "channel", "email"), 2),
				SourceRecord.good(file.toString(), "A2", "Late again", Map.of("product", "Family", "channel", "app"), 3));
		assertThat(records.get(0).fields().keySet()).containsExactly("product", "channel");
		assertThat(records).noneMatch(SourceRecord::hasProblem);
	}

	@Test
	void headerListsTheColumnNamesWithoutTheByteOrderMark() throws IOException {
		Path file = write("\uFEFFid;text;sentiment\nA1;Great box;positive\n");

		assertThat(CsvSourceReader.header(CsvSourceSettings.of(file).withDelimiter(';')))
			.containsExactly("id", "text", "sentiment");
	}

	@Test
	void fileWithoutIdColumnIdentifiesRecordsByTheirStartLine() throws IOException {
		Path file = write("rating\tverified_reviews\n5\tLove my Echo!\n4\t\"Sounds good,\nbut quiet\"\n5\tLove my Echo!\n");

		List<SourceRecord> records = readAll(CsvSourceSettings.of(file).withColumns("", "verified_reviews")
			.withDelimiter('\t'));

		assertThat(records).extracting(SourceRecord::id).containsExactly("line-2", "line-3", "line-5");
		assertThat(records).noneMatch(SourceRecord::hasProblem);
	}

	@Test
	void severalTextColumnsAreJoinedWithABlankLineLeavingOutBlankOnes() throws IOException {
		Path file = write("id,title,body\nA1,Late box, It came on Friday. \nA2,,Only a body\nA3, ,\n");

		List<SourceRecord> records = readAll(CsvSourceSettings.of(file).withColumns("id", "title", "body"));

		assertThat(records).extracting(SourceRecord::text)
			.containsExactly("Late box\n\nIt came on Friday.", "Only a body", "");
		assertThat(records.get(2).problem()).contains("line 4").contains("empty text");
	}

	@Test
	void fileWithoutHeaderReadsItsFirstRowAsARecordUnderTheConfiguredNames() throws IOException {
		Path file = write("A1,email,Late box\nA2,chat,Great salmon\n");
		CsvSourceSettings settings = CsvSourceSettings.of(file).withExtraColumns("channel")
			.withoutHeader("id", "channel", "text");

		List<SourceRecord> records = readAll(settings);

		assertThat(records).extracting(SourceRecord::id).containsExactly("A1", "A2");
		assertThat(records.get(0).fields()).containsEntry("channel", "email");
		assertThat(records.get(1).line()).isEqualTo(2);
		assertThat(CsvSourceReader.header(settings)).containsExactly("id", "channel", "text");
	}

	@Test
	void linesBeforeTheHeaderAreSkippedAndRecordsKeepTheirLineInTheFile() throws IOException {
		Path file = write("Exporting complaints...\r\nDone: 2 rows, 1 broken\nid,text\nC1,\"Billed twice,\nstill waiting\"\nC2,\n"
				+ "C3,\"abc\"def\n");

		List<SourceRecord> records = readAll(CsvSourceSettings.of(file).withSkipLines(2));

		assertThat(records).extracting(SourceRecord::id).containsExactly("C1", "C2", "line-7");
		assertThat(records).extracting(SourceRecord::line).containsExactly(4L, 6L, 7L);
		assertThat(records.get(0).text()).isEqualTo("Billed twice,\nstill waiting");
		assertThat(records.get(1).problem()).isEqualTo(file + " line 6: empty text");
		assertThat(records.get(2).problem()).startsWith(file + " line 7: text after a closing quote on line 7, at "
				+ "'C3,\"abc\"def'");
		assertThat(CsvSourceReader.header(CsvSourceSettings.of(file).withSkipLines(2))).containsExactly("id", "text");
	}

	@Test
	void commentLinesAreSkippedAndRecordsKeepTheirLineInTheFile() throws IOException {
		Path file = write("# exported 2026-11-30\nid,text\n# first batch\n#\nC1,Late box\nC2,\"Cold\n# not a comment\"\n"
				+ "# last batch\nC3,Fine\n");

		List<SourceRecord> records = readAll(CsvSourceSettings.of(file).withCommentMarker('#'));

		assertThat(records).extracting(SourceRecord::id).containsExactly("C1", "C2", "C3");
		assertThat(records).extracting(SourceRecord::line).containsExactly(5L, 6L, 9L);
		assertThat(records.get(1).text()).isEqualTo("Cold\n# not a comment");
		assertThat(records).noneMatch(SourceRecord::hasProblem);
	}

	@Test
	void aHeaderRowInAFileReadWithoutOneIsStoredAsAProblemSayingHowToReadIt() throws IOException {
		Path file = write("Report of 2026-11-30\nid,text\nC1,Late box\n");

		List<SourceRecord> records = readAll(CsvSourceSettings.of(file).withoutHeader("id", "text"));

		assertThat(records).extracting(SourceRecord::line).containsExactly(1L, 2L, 3L);
		assertThat(records.get(1).problem()).isEqualTo(file + " line 2: the row holds the column names: the file "
				+ "has a header row here, so remove 'header: false' and 'columns' and set 'skip-lines: 1' for the "
				+ "lines before it");
		assertThat(records.get(2)).isEqualTo(SourceRecord.good(file.toString(), "C1", "Late box", Map.of(), 3));
		assertThat(CsvSourceReader.report(CsvSourceSettings.of(file).withoutHeader("id", "text"), 5).problemCounts())
			.containsEntry(RowProblem.HEADER_ROW, 1L)
			.containsEntry(RowProblem.WRONG_FIELD_COUNT, 1L);
	}

	@Test
	void quotedFieldsKeepDelimitersAndDoubledQuotes() throws IOException {
		Path file = write("id,text\nA1,\"Cheap, fast, and \"\"fresh\"\", they said\"\n");

		assertThat(readAll(CsvSourceSettings.of(file)).get(0).text())
				.isEqualTo("Cheap, fast, and \"fresh\", they said");
	}

	@Test
	void embeddedNewlinesAreKeptAndFollowingRecordsStartOnTheirPhysicalLine() throws IOException {
		Path file = write("id,text\r\n"
				+ "A1,\"first line\nsecond line\r\nthird line\"\r\n"
				+ "A2,after\r\n"
				+ "A3,\"  padded\n\n  \"\r\n"
				+ "A4,last\r\n");

		List<SourceRecord> records = readAll(CsvSourceSettings.of(file));

		assertThat(records).extracting(SourceRecord::line).containsExactly(2L, 5L, 6L, 9L);
		assertThat(records.get(0).text()).isEqualTo("first line\nsecond line\r\nthird line");
		assertThat(records.get(2).text()).isEqualTo("padded");
	}

	@Test
	void blankLinesAreSkippedWithoutShiftingLineNumbers() throws IOException {
		Path file = write("id,text\n\nA1,one\n  \n\nA2,two\n\n");

		assertThat(readAll(CsvSourceSettings.of(file))).extracting(SourceRecord::id, SourceRecord::line)
				.containsExactly(tuple("A1", 3L),
						tuple("A2", 6L));
	}

	@Test
	void byteOrderMarkIsNotPartOfTheFirstColumnName() throws IOException {
		Path file = write("\uFEFFid,text\nA1,with bom\n");

		assertThat(readAll(CsvSourceSettings.of(file))).extracting(SourceRecord::id).containsExactly("A1");
	}

	@Test
	void headerNamesMatchIgnoringCaseAndSurroundingSpaces() throws IOException {
		Path file = write(" Feedback ID ;TEXT \nA1;semicolons\n");

		List<SourceRecord> records = readAll(CsvSourceSettings.of(file)
				.withColumns("feedback id", "Text")
				.withDelimiter(';'));

		assertThat(records).extracting(SourceRecord::id, SourceRecord::text)
				.containsExactly(tuple("A1", "semicolons"));
	}

	@Test
	void semicolonDelimiterLeavesCommasInsideText() throws IOException {
		Path file = write("id;text\nA1;Gut, aber teuer\nA2;\"quoted; with semicolon\"\n");

		assertThat(readAll(CsvSourceSettings.of(file).withDelimiter(';'))).extracting(SourceRecord::text)
				.containsExactly("Gut, aber teuer", "quoted; with semicolon");
	}

	@Test
	void emojiAndCjkSurviveIntact() throws IOException {
		String text = "美味しい！ 👍🏽 配達が早い 🚚💨 맛있어요";
		Path file = write("id,text\nA1," + text + "\n");

		assertThat(readAll(CsvSourceSettings.of(file)).get(0).text()).isEqualTo(text);
	}

	@Test
	void missingColumnFailsAtOpenNamingFileColumnExistingColumnsAndSuggestion() throws IOException {
		Path file = write("id,txt,channel\nA1,hello,app\n");
		CsvSourceReader reader = new CsvSourceReader(CsvSourceSettings.of(file));

		assertThatThrownBy(() -> reader.open(new ExecutionContext()))
				.isInstanceOf(ItemStreamException.class)
				.hasMessageContaining(file.toString())
				.hasMessageContaining("no column 'text' (did you mean 'txt'?)")
				.hasMessageContaining("columns found: 'id', 'txt', 'channel'");
	}

	@Test
	void everyMissingColumnIsReportedAtOnce() throws IOException {
		Path file = write("ident,body\nA1,hello\n");
		CsvSourceReader reader = new CsvSourceReader(CsvSourceSettings.of(file).withExtraColumns("product"));

		assertThatThrownBy(() -> reader.open(new ExecutionContext()))
				.hasMessageContaining("no column 'id' (did you mean 'ident'?)")
				.hasMessageContaining("no column 'text';")
				.hasMessageContaining("no column 'product';");
	}

	@Test
	void headerReadAsOneColumnHintsAtTheDelimiter() throws IOException {
		Path file = write("id;text\nA1;hello\n");
		CsvSourceReader reader = new CsvSourceReader(CsvSourceSettings.of(file));

		assertThatThrownBy(() -> reader.open(new ExecutionContext()))
				.hasMessageContaining("is the delimiter ';' rather than ','?");
	}

	@Test
	void columnPresentTwiceIsAmbiguous() throws IOException {
		Path file = write("id,text,Text\nA1,a,b\n");
		CsvSourceReader reader = new CsvSourceReader(CsvSourceSettings.of(file));

		assertThatThrownBy(() -> reader.open(new ExecutionContext()))
				.hasMessageContaining("column 'text' appears 2 times");
	}

	@Test
	void emptyFileFailsAtOpen() throws IOException {
		Path file = write("\uFEFF");
		CsvSourceReader reader = new CsvSourceReader(CsvSourceSettings.of(file));

		assertThatThrownBy(() -> reader.open(new ExecutionContext()))
				.isInstanceOf(ItemStreamException.class)
				.hasMessageContaining(file + " is empty");
	}

	@Test
	void headerOnlyFileHasNoRecords() throws IOException {
		Path file = write("id,text\r\n");

		assertThat(readAll(CsvSourceSettings.of(file))).isEmpty();
	}

	@Test
	void missingFileFailsAtOpen() {
		CsvSourceReader reader = new CsvSourceReader(CsvSourceSettings.of(dir.resolve("absent.csv")));

		assertThatThrownBy(() -> reader.open(new ExecutionContext()))
				.isInstanceOf(ItemStreamException.class)
				.hasMessageContaining("absent.csv");
	}

	@Test
	void rowWithWrongFieldCountIsAProblemAndReadingContinues() throws IOException {
		Path file = write("id,text,channel,product\nA1,ok,app,box\nA2,too,many,fields,here,now\nA3,fine,app,box\n");

		List<SourceRecord> records = readAll(CsvSourceSettings.of(file));

		assertThat(records).extracting(SourceRecord::id).containsExactly("A1", "line-3", "A3");
		assertThat(records.get(1).problem()).isEqualTo(file + " line 3: expected 4 fields, found 6");
		assertThat(records.get(1).text()).isEqualTo("A2,too,many,fields,here,now");
	}

	@Test
	void blankTextIsAProblemButKeepsItsId() throws IOException {
		Path file = write("id,text\nA1,\"  \n \"\nA2,\n");

		List<SourceRecord> records = readAll(CsvSourceSettings.of(file));

		assertThat(records).extracting(SourceRecord::id).containsExactly("A1", "A2");
		assertThat(records).extracting(SourceRecord::problem)
				.containsExactly(file + " line 2: empty text", file + " line 4: empty text");
	}

	@Test
	void blankIdIsAProblemWithASyntheticId() throws IOException {
		Path file = write("id,text\nA1,fine\n  ,no id here\n");

		SourceRecord record = readAll(CsvSourceSettings.of(file)).get(1);

		assertThat(record.id()).isEqualTo("line-3");
		assertThat(record.text()).isEqualTo("no id here");
		assertThat(record.problem()).isEqualTo(file + " line 3: empty id");
	}

	@Test
	void duplicateIdIsAProblemNamingTheFirstOccurrence() throws IOException {
		Path file = write("id,text\nA1,\"first\nof two lines\"\nA2,other\nA1,second\nA1,third\n");

		List<SourceRecord> records = readAll(CsvSourceSettings.of(file));

		assertThat(records).extracting(SourceRecord::id).containsExactly("A1", "A2", "line-5", "line-6");
		assertThat(records.get(0).hasProblem()).isFalse();
		assertThat(records.get(2).problem()).isEqualTo(file + " line 5: duplicate id 'A1', first seen on line 2");
		assertThat(records.get(3).problem()).isEqualTo(file + " line 6: duplicate id 'A1', first seen on line 2");
	}

	@Test
	void severalProblemsOfOneRowAreReportedTogether() throws IOException {
		Path file = write("id,text\n,\n");

		assertThat(readAll(CsvSourceSettings.of(file)).get(0).problem())
				.isEqualTo(file + " line 2: empty id; empty text");
	}

	@Test
	void unterminatedQuoteIsHandedOutAsAProblemForItsStartLineThenTheInputEndsAndTheReaderSaysWhy()
			throws IOException {
		Path file = write("id,text\nA1,fine\nA2,\"never closed\nA3,swallowed\nA4,also swallowed\n");
		CsvSourceReader reader = new CsvSourceReader(CsvSourceSettings.of(file));
		reader.open(new ExecutionContext());

		SourceRecord first = reader.read();
		SourceRecord broken = reader.read();

		assertThat(first.id()).isEqualTo("A1");
		assertThat(reader.read()).isNull();
		assertThat(broken.id()).isEqualTo("line-3");
		assertThat(broken.line()).isEqualTo(3);
		assertThat(broken.text()).isEqualTo("A2,\"never closed");
		assertThat(broken.problem()).startsWith(file + " line 3: unterminated quote: the quoted field that starts on "
				+ "line 3 is never closed")
			.contains("nothing from this line to the end of the file could be read");
		assertThat(reader.unreadable()).hasValueSatisfying(reason -> assertThat(reason)
			.startsWith(file + " cannot be read past line 3: unterminated quote")
			.contains("1 record before line 3 can be read")
			.contains("To fix it: close the quote on line 3, or write a quote that belongs to the text as two "
					+ "quotes (\"\")"));
		reader.close();
	}

	@Test
	void unterminatedQuoteAfterSkippedLinesNamesTheLineOfTheQuoteInTheFile() throws IOException {
		Path file = write("Exporting...\nid,text\nA1,fine\nA2,\"never closed\nA3,swallowed\n");

		List<SourceRecord> records = readAll(CsvSourceSettings.of(file).withSkipLines(1));

		assertThat(records).extracting(SourceRecord::id).containsExactly("A1", "line-4");
		assertThat(records.get(1).problem()).startsWith(file + " line 4: unterminated quote: the quoted field that "
				+ "starts on line 4 is never closed");
		assertThat(records.get(1).text()).isEqualTo("A2,\"never closed");
	}

	@Test
	void unterminatedQuoteThatRunsIntoAQuotedFieldOfALaterLineIsNamedAtTheLineWhereItStarts() throws IOException {
		Path file = write("id,text\nA1,fine\nA2,\"never closed\nA3,plain\nA4,\"quoted\"\nA5,last\n");

		List<SourceRecord> records = readAll(CsvSourceSettings.of(file));

		assertThat(records).extracting(SourceRecord::id).containsExactly("A1", "line-3");
		assertThat(records.get(1).problem()).startsWith(file + " line 3: unterminated quote: a quoted field on line 3 "
				+ "is never closed; it runs on to the quote that opens a field on line 5");
	}

	@Test
	void textAfterAClosingQuoteIsToldApartFromAnUnterminatedQuote() throws IOException {
		Path file = write("id,text,channel\nA1,fine,app\nA2,fine,app\nA3,\"abc\"def,app\nA4,never read,app\n");
		CsvSourceReader reader = new CsvSourceReader(CsvSourceSettings.of(file));

		List<SourceRecord> records = readAll(reader);

		assertThat(records).extracting(SourceRecord::id).containsExactly("A1", "A2", "line-4");
		assertThat(records.get(2).problem()).startsWith(file + " line 4: text after a closing quote on line 4, at "
				+ "'A3,\"abc\"def,app': a quote inside a quoted field is written as two quotes (\"\")")
			.doesNotContain("unterminated");
	}

	@Test
	void textAfterAClosingQuoteOfAFieldSpanningLinesNamesTheRecordsLineAndTheLineOfTheQuote() throws IOException {
		Path file = write("id,text\nA1,\"first line\nsecond \"line\" of it\"\nA2,never read\n");

		SourceRecord broken = readAll(CsvSourceSettings.of(file)).get(0);

		assertThat(broken.line()).isEqualTo(2);
		assertThat(broken.problem()).startsWith(file + " line 2: text after a closing quote on line 3, at 'second "
				+ "\"line\" of it\"': a quote inside a quoted field is written as two quotes");
	}

	@Test
	void quotesEscapedWithABackslashAreNamedAsAnotherQuoteConvention() throws IOException {
		Path file = write("id,text\nA1,\"She said \\\"great\\\" and left\"\nA2,never read\n");

		assertThat(readAll(CsvSourceSettings.of(file)).get(0).problem()).startsWith(file + " line 2: text after a "
				+ "closing quote on line 2")
			.contains("the file escapes quotes with a backslash (\\\"), but in CSV a quote inside a quoted field is "
					+ "written as two quotes")
			.contains("replace \\\" with \"\"");
	}

	@Test
	void quotedFieldsFollowedByAnotherDelimiterHintAtTheDelimiter() throws IOException {
		Path file = write("id;text\n\"A1\",\"commas\"\n");

		assertThat(readAll(CsvSourceSettings.of(file).withDelimiter(';')).get(0).problem())
			.startsWith(file + " line 2: text after a closing quote on line 2, at '\"A1\",\"commas\"': the file looks "
					+ "','-separated, but the spec's delimiter is ';'")
			.contains("set source.delimiter to ',' in the spec")
			.doesNotContain("two quotes");
	}

	@Test
	void aSemicolonExportWithQuotesInsideFieldsNotDoubledStopsAtTheFirstSuchRecordSayingWhatTheExportDoes()
			throws IOException {
		Path file = semicolonExport();
		CsvSourceReader reader = new CsvSourceReader(CsvSourceSettings.of(file).withColumns("review_id", "titel", "text")
			.withExtraColumns("produkt", "sterne")
			.withDelimiter(';'));

		List<SourceRecord> records = readAll(reader);

		assertThat(records).extracting(SourceRecord::id, SourceRecord::line)
			.containsExactly(tuple("R-20481", 2L), tuple("R-20482", 3L), tuple("R-20483", 5L), tuple("R-20484", 6L),
					tuple("R-20485", 7L), tuple("R-20486", 8L), tuple("line-9", 9L));
		assertThat(records.get(0).fields()).containsEntry("sterne", "4,5");
		assertThat(records.get(6).problem()).startsWith(file + " line 9: text after a closing quote on line 9, at '… "
				+ "Box\";\"2,5\";\"Enttäuscht\";\"Die \"Premium\"-Qua…': every field is wrapped in quotes, but the quotes "
				+ "inside the fields are not doubled");
		assertThat(reader.unreadable()).hasValueSatisfying(reason -> assertThat(reason)
			.startsWith(file + " cannot be read past line 9: text after a closing quote")
			.contains("6 records before line 9 can be read, nothing from there on")
			.contains("To fix it: write the quotes inside the fields as two quotes"));
	}

	@Test
	void aSemicolonExportReadWithACommaFailsAtTheHeaderNamingTheDelimiter() throws IOException {
		CsvSourceReader reader = new CsvSourceReader(CsvSourceSettings.of(semicolonExport()));

		assertThatThrownBy(() -> reader.open(new ExecutionContext())).isInstanceOf(ItemStreamException.class)
			.hasMessageContaining("line 1: cannot parse the header: text after a closing quote on line 1")
			.hasMessageContaining("the file looks ';'-separated, but the spec's delimiter is ','")
			.hasMessageContaining("(set source.delimiter to ';' in the spec)");
	}

	@Test
	void aFileReadToItsEndIsNotUnreadable() throws IOException {
		Path file = write("id,text,channel\nA1,fine,app\nA2,too,many,fields\n");
		CsvSourceReader reader = new CsvSourceReader(CsvSourceSettings.of(file));

		assertThat(readAll(reader)).hasSize(2);
		assertThat(reader.unreadable()).isEmpty();
	}

	@Test
	void restartOnTheUnchangedBrokenFileHandsOutNothingAgainAndIsUnreadableAgain() throws IOException {
		Path file = write("id,text\nA1,one\nA2,two\nA3,\"never closed\nA4,swallowed\n");
		ExecutionContext context = new ExecutionContext();
		CsvSourceReader firstRun = new CsvSourceReader(CsvSourceSettings.of(file));
		assertThat(readAll(firstRun, context)).hasSize(3);

		CsvSourceReader restarted = new CsvSourceReader(CsvSourceSettings.of(file));

		assertThat(readAll(restarted, context)).isEmpty();
		assertThat(restarted.unreadable()).hasValueSatisfying(reason -> assertThat(reason)
			.startsWith(file + " cannot be read past line 4: unterminated quote")
			.contains("2 records before line 4"));
		assertThat(context.getLong("CsvSourceReader.read.count")).isEqualTo(3);
	}

	@Test
	void restartAfterTheBrokenRecordWasFixedGoesOnFromThatRecord() throws IOException {
		Path file = write("id,text\nA1,one\nA2,\"two \"broken\" quotes\"\nA3,three\nA1,one again\n");
		ExecutionContext context = new ExecutionContext();
		assertThat(readAll(new CsvSourceReader(CsvSourceSettings.of(file)), context)).hasSize(2);
		write("id,text\nA1,one\nA2,\"two \"\"fixed\"\" quotes\"\nA3,three\nA1,one again\n");

		CsvSourceReader restarted = new CsvSourceReader(CsvSourceSettings.of(file));
		List<SourceRecord> records = readAll(restarted, context);

		assertThat(records).extracting(SourceRecord::id).containsExactly("A2", "A3", "line-5");
		assertThat(records.get(0).text()).isEqualTo("two \"fixed\" quotes");
		assertThat(records.get(2).problem()).contains("duplicate id 'A1', first seen on line 2");
		assertThat(restarted.unreadable()).isEmpty();
		assertThat(context.getLong("CsvSourceReader.read.count")).isEqualTo(4);
		assertThat(context.containsKey("CsvSourceReader.broken.line")).isFalse();
	}

	@Test
	void reportCountsTheRecordsAndTheProblemsOfEachKindWithTheDuplicatedIdsAndTheirLines() throws IOException {
		Path file = write("id,text\nA1,one\nA2,\nA1,again\nA3,x,y\nA1,third\n,blank id\nA4,four\n");

		CsvFileReport report = CsvSourceReader.report(CsvSourceSettings.of(file), 2);

		assertThat(report.records()).isEqualTo(7);
		assertThat(report.problemRecords()).isEqualTo(5);
		assertThat(report.emptyTexts()).isEqualTo(1);
		assertThat(report.duplicateIds()).containsExactly(entry("A1", List.of(2L, 4L, 6L)));
		assertThat(report.firstProblems()).containsExactly(file + " line 3: empty text",
				file + " line 4: duplicate id 'A1', first seen on line 2");
		assertThat(report.readToTheEnd()).isTrue();
		assertThat(report.summary()).isEqualTo(file + ": 7 records; 5 would be stored as failed: 1 with the wrong "
				+ "number of fields, 1 without an id, 2 with a duplicate id ('A1' on lines 2, 4 and 6), 1 with an "
				+ "empty text");
	}

	@Test
	void reportOfABrokenFileSaysWhereReadingStops() throws IOException {
		Path file = write("id,text\nA1,one\nA2,\"abc\"def\nA3,three\n");

		CsvFileReport report = CsvSourceReader.report(CsvSourceSettings.of(file), 5);

		assertThat(report.readToTheEnd()).isFalse();
		assertThat(report.broken().line()).isEqualTo(3);
		assertThat(report.recordsBeforeBreak()).isEqualTo(1);
		assertThat(report.summary()).isEqualTo(file + ": 2 records up to line 3, where reading stops; 1 would be "
				+ "stored as failed: 1 with broken quoting");
	}

	@Test
	void malformedBytesAreReplacedAndReportedWithTheirLine() throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		bytes.writeBytes("id,text\nA1,fine\nA2,caf".getBytes(StandardCharsets.UTF_8));
		bytes.write(0xE9); // "é" in Latin-1, an invalid byte in UTF-8
		bytes.writeBytes(" au lait\nA3,still read\n".getBytes(StandardCharsets.UTF_8));
		Path file = Files.write(dir.resolve("latin1.csv"), bytes.toByteArray());

		List<SourceRecord> records = readAll(CsvSourceSettings.of(file));

		assertThat(records).extracting(SourceRecord::id).containsExactly("A1", "A2", "A3");
		assertThat(records.get(1).text()).isEqualTo("caf\uFFFD au lait");
		assertThat(records.get(1).problem()).isEqualTo(file + " line 3: invalid UTF-8 bytes (shown as \uFFFD)");
		assertThat(records.get(2).hasProblem()).isFalse();
		assertThat(CsvSourceReader.report(CsvSourceSettings.of(file), 5).summary())
			.isEqualTo(file + ": 3 records; 1 would be stored as failed: 1 with invalid bytes");
	}

	@Test
	void restartContinuesAfterTheRecordsAlreadyReadAndStillDetectsDuplicates() throws Exception {
		Path file = write("id,text\nA1,one\nA2,\"two\nlines\"\nA3,three\nA4,four\nA2,two again\n");
		ExecutionContext context = new ExecutionContext();
		CsvSourceReader firstRun = new CsvSourceReader(CsvSourceSettings.of(file));
		firstRun.open(context);
		for (int i = 0; i < 3; i++) {
			firstRun.read();
		}
		firstRun.update(context);
		firstRun.close();

		CsvSourceReader restarted = new CsvSourceReader(CsvSourceSettings.of(file));
		restarted.open(context);
		SourceRecord fourth = restarted.read();
		SourceRecord fifth = restarted.read();

		assertThat(fourth.id()).isEqualTo("A4");
		assertThat(fourth.line()).isEqualTo(6);
		assertThat(fifth.problem()).isEqualTo(file + " line 7: duplicate id 'A2', first seen on line 3");
		assertThat(restarted.read()).isNull();
		restarted.update(context);
		assertThat(context.getLong("CsvSourceReader.read.count")).isEqualTo(5);
		restarted.close();
	}

	@Test
	void restartOnAFileWithFewerRecordsThanAlreadyReadFails() throws IOException {
		Path file = write("id,text\nA1,one\n");
		ExecutionContext context = new ExecutionContext();
		context.putLong("CsvSourceReader.read.count", 3);
		CsvSourceReader reader = new CsvSourceReader(CsvSourceSettings.of(file));

		assertThatThrownBy(() -> reader.open(context))
				.isInstanceOf(ItemStreamException.class)
				.hasMessageContaining("holds 1 records but an earlier run already read 3");
	}

	/** A review export as spreadsheet tools of ';'-separated locales write it; quotes inside fields not doubled. */
	private Path semicolonExport() throws IOException {
		return Files.copy(Path.of("src/test/resources/csv/reviews-semicolon-export.csv"),
				dir.resolve("reviews-semicolon-export.csv"));
	}

	private Path write(String content) throws IOException {
		return Files.writeString(dir.resolve("feedback.csv"), content, StandardCharsets.UTF_8);
	}
}
