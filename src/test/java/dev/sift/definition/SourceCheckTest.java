package dev.sift.definition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.sift.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

class SourceCheckTest {

	private static final String TABLE = "source_check_feedback";

	private static JdbcTemplate jdbc;

	@TempDir
	Path dir;

	@BeforeAll
	static void createTable() {
		jdbc = new JdbcTemplate(TestDatabase.dataSource());
		jdbc.execute("DROP TABLE IF EXISTS " + TABLE);
		jdbc.execute("CREATE TABLE " + TABLE + " (id bigint PRIMARY KEY, text text, channel text, "
				+ "sentiment_label text, updated_at timestamptz)");
	}

	@Test
	void csvColumnsMissingFromTheHeaderAreReportedWithTheClosestColumn() throws IOException {
		Files.writeString(this.dir.resolve("feedback.csv"), "id,text,channel\n1,Late again,email\n");
		JobSpec spec = spec(csvSource(this.dir.resolve("feedback.csv").toString(), "[txt]", "[channel, product]"));

		assertThat(check(spec)).containsExactly(
				new SpecProblem(spec.file(), 6, this.dir.resolve("feedback.csv") + " has no column 'txt'",
						"did you mean 'text'?"),
				new SpecProblem(spec.file(), 7, this.dir.resolve("feedback.csv") + " has no column 'product'",
						"columns: id, text, channel"));
	}

	@Test
	void inputColumnsOfTheResultsCsvMissingFromTheHeaderAreReportedAtTheirKey() throws IOException {
		Path file = Files.writeString(this.dir.resolve("feedback.csv"), "id,text,Channel\n1,Late again,email\n");
		JobSpec spec = spec(csvSource(file.toString(), "[text]", "[]")
				+ "outputs:\n  csv: out.csv\n  input-columns: [channel, txt, id]\n");

		assertThat(check(spec)).containsExactly(new SpecProblem(spec.file(), spec.lineOf("outputs.input-columns"),
				file + " has no column 'txt'", "did you mean 'text'?"));
	}

	@Test
	void aCsvFileWithTheColumnsPasses() throws IOException {
		Files.writeString(this.dir.resolve("feedback.csv"), "id,Text ,channel\n1,Late again,email\n");

		assertThat(check(spec(csvSource(this.dir.resolve("feedback.csv").toString(), "[text]", "[channel]"))))
			.isEmpty();
	}

	@Test
	void aCsvFileIsReadWholeAndWhatARunWouldStoreAsFailedIsAFindingNotAProblem() throws IOException {
		Path file = Files.writeString(this.dir.resolve("feedback.csv"), "id,text,channel\n1,Late again,email\n"
				+ "2,,app\n3,ok,app,extra\n");

		SourceCheck.Result result = new SourceCheck(jdbc).check(spec(csvSource(file.toString(), "[text]", "[]")));

		assertThat(result.passes()).isTrue();
		assertThat(result.findings()).containsExactly(
				file + ": 3 records; 2 would be stored as failed: 1 with the wrong number of fields, 1 with an empty text",
				"  " + file + " line 3: empty text", "  " + file + " line 4: expected 3 fields, found 4");
	}

	@Test
	void aCsvFileBrokenByAnUnterminatedQuoteIsAProblemAtItsPathWithTheFix() throws IOException {
		Path file = Files.writeString(this.dir.resolve("feedback.csv"),
				"id,text\n1,fine\n2,fine\n3,\"never closed\n4,swallowed\n");
		JobSpec spec = spec(csvSource(file.toString(), "[text]", "[]"));

		assertThat(check(spec)).containsExactly(new SpecProblem(spec.file(), 5, file + " cannot be read past line 4: "
				+ "unterminated quote: the quoted field that starts on line 4 is never closed, so the rest of the file "
				+ "reads as part of it; 2 records before line 4 can be read, nothing from there on",
				"close the quote on line 4, or write a quote that belongs to the text as two quotes (\"\")"));
	}

	@Test
	void aGlobMustMatchAFileAndEveryMatchIsChecked() throws IOException {
		Files.createDirectories(this.dir.resolve("in"));
		Files.writeString(this.dir.resolve("in/a.csv"), "id,text\n1,ok\n");
		Files.writeString(this.dir.resolve("in/b.csv"), "id,body\n1,ok\n");

		JobSpec glob = spec(csvSource(this.dir + "/in/*.csv", "[text]", "[]"));
		assertThat(check(glob)).singleElement()
			.satisfies(problem -> assertThat(problem.message()).endsWith("b.csv has no column 'text'"));
		assertThat(CsvSourceSpec.files(this.dir + "/in/*.csv")).containsExactly(this.dir.resolve("in/a.csv"),
				this.dir.resolve("in/b.csv"));

		JobSpec nothing = spec(csvSource(this.dir + "/in/*.tsv", "[text]", "[]"));
		assertThat(check(nothing)).singleElement().satisfies(problem -> {
			assertThat(problem.line()).isEqualTo(5);
			assertThat(problem.message()).isEqualTo("no file matches '" + this.dir + "/in/*.tsv'");
		});
	}

	@Test
	void aMissingCsvFileIsReportedAtItsPath() throws IOException {
		JobSpec spec = spec(csvSource("nowhere/feedback.csv", "[text]", "[]"));

		assertThat(check(spec)).singleElement().satisfies(problem -> {
			assertThat(problem.line()).isEqualTo(5);
			assertThat(problem.message()).isEqualTo("file 'nowhere/feedback.csv' does not exist");
			assertThat(problem.suggestion()).startsWith("paths are relative to the working directory ");
		});
	}

	@Test
	void tableColumnsAndWriteBackColumnsMustExist() throws IOException {
		JobSpec spec = spec(postgresSource("table: " + TABLE, "[txt]", "[channel]")
				+ "outputs:\n  write-back:\n    sentiment: sentiment_lable\n");

		assertThat(check(spec)).containsExactly(
				new SpecProblem(spec.file(), 6, "table '" + TABLE + "' has no column 'txt'", "did you mean 'text'?"),
				new SpecProblem(spec.file(), 17, "table '" + TABLE + "' has no column 'sentiment_lable'",
						"did you mean 'sentiment_label'?"));
	}

	@Test
	void aTableWithTheColumnsPassesAndItsRowsAreCounted() throws IOException {
		SourceCheck.Result result = new SourceCheck(jdbc).check(spec(postgresSource("table: " + TABLE, "[text]",
				"[channel]") + "outputs:\n  write-back:\n    sentiment: sentiment_label\n"));

		assertThat(result.problems()).isEmpty();
		assertThat(result.findings()).containsExactly("postgres:" + TABLE + ": 0 rows");
	}

	@Test
	void anUnknownTableIsReportedWithTheClosestTable() throws IOException {
		JobSpec spec = spec(postgresSource("table: source_check_feedbak", "[text]", "[]"));

		assertThat(check(spec)).singleElement().satisfies(problem -> {
			assertThat(problem.line()).isEqualTo(4);
			assertThat(problem.message()).startsWith("no table 'source_check_feedbak'")
				.contains("did you mean '" + TABLE + "'?");
		});
	}

	@Test
	void aQueryIsCheckedByTheColumnsItReturns() throws IOException {
		JobSpec good = spec(postgresSource("query: SELECT id, text AS body, channel FROM " + TABLE + " -- mine",
				"[body]", "[channel]"));
		assertThat(check(good)).isEmpty();

		JobSpec typo = spec(postgresSource("query: SELECT id, text FROM " + TABLE, "[body]", "[]"));
		assertThat(check(typo)).containsExactly(
				new SpecProblem(typo.file(), 6, "the query returns no column 'body'", "columns: id, text"));
	}

	@Test
	void aFailingQueryIsReportedWithTheDatabasesMessage() throws IOException {
		JobSpec spec = spec(postgresSource("query: SELECT id, text FROM no_such_table", "[text]", "[]"));

		assertThat(check(spec)).singleElement().satisfies(problem -> {
			assertThat(problem.line()).isEqualTo(4);
			assertThat(problem.message()).startsWith("the query fails: ")
				.contains("relation \"no_such_table\" does not exist");
		});
	}

	@Test
	void aQueryRunsReadOnly() throws IOException {
		JobSpec spec = spec(postgresSource("query: SELECT id, text FROM " + TABLE + " FOR UPDATE", "[text]", "[]"));

		assertThat(check(spec)).singleElement()
			.satisfies(problem -> assertThat(problem.message()).contains("read-only transaction"));
	}

	private List<SpecProblem> check(JobSpec spec) {
		return new SourceCheck(jdbc).check(spec).problems();
	}

	private static String csvSource(String path, String textColumns, String extraColumns) {
		return "name: check\nsource:\n  type: csv\n  id-column: id\n  path: \"" + path + "\"\n  text-columns: "
				+ textColumns + "\n  extra-columns: " + extraColumns + "\n" + task();
	}

	private static String postgresSource(String tableOrQuery, String textColumns, String extraColumns) {
		return "name: check\nsource:\n  type: postgres\n  " + tableOrQuery + "\n  id-column: id\n  text-columns: "
				+ textColumns + "\n  extra-columns: " + extraColumns + "\n" + task();
	}

	private static String task() {
		return "task:\n  type: classify\n  instructions: Classify.\n  fields:\n    - name: sentiment\n"
				+ "      type: label\n      labels: {positive: happy, negative: unhappy}\n";
	}

	private JobSpec spec(String yaml) throws IOException {
		Path file = Files.writeString(this.dir.resolve("check.yml"), yaml);
		return JobSpecLoader.load(List.of(file)).get(0);
	}

}
