package dev.sift.definition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobSpecLoaderTest {

	/** A valid spec; tests replace or append lines. Line 5 is text-columns, line 12 the labels. */
	private static final String SOURCE = """
			name: demo
			source:
			  type: csv
			  path: in.csv
			  text-columns: [text]
			""";

	private static final String TASK = """
			task:
			  type: classify
			  instructions: Classify.
			  fields:
			    - name: sentiment
			      type: label
			      labels: {positive: happy, negative: unhappy}
			""";

	@TempDir
	Path dir;

	private Path file;

	@Test
	void aMinimalSpecGetsTheDefaults() throws IOException {
		JobSpec spec = load(SOURCE + TASK);

		CsvSourceSpec source = (CsvSourceSpec) spec.source();
		assertThat(source.delimiter()).isEqualTo(',');
		assertThat(source.encoding()).isEqualTo(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(source.header()).isTrue();
		assertThat(source.idColumn()).isEmpty();
		assertThat(source.extraColumns()).isEmpty();
		assertThat(spec.outputs()).isEqualTo(OutputSpec.NONE);
		assertThat(spec.model()).isEqualTo(ModelSpec.DEFAULTS);
		assertThat(spec.schedule()).isNull();
		assertThat(spec.lineOf("task.fields[0].labels")).isEqualTo(12);
	}

	@Test
	void unknownKeysAreReportedAtEveryLevelWithTheClosestKey() throws IOException {
		assertThat(problems(SOURCE.replace("text-columns", "text-colums") + TASK + "scedule:\n  cron: x\n"))
			.containsExactly(problem(2, "missing key 'text-columns' in 'source'", null),
					problem(5, "unknown key 'text-colums' in 'source'", "did you mean 'text-columns'?"),
					problem(13, "unknown key 'scedule'", "did you mean 'schedule'?"));
		assertThat(problems(SOURCE + TASK.replace("      labels:", "      colour: red\n      labels:")))
			.containsExactly(problem(12, "unknown key 'colour' in 'task.fields[0]'",
					"allowed keys: name, type, description, labels, min-items, max-items, min-length, max-length, "
							+ "min-words, max-words, minimum, maximum"));
	}

	@Test
	void missingRequiredKeysAreReportedAtTheEnclosingKey() throws IOException {
		assertThat(problems("# no name\nsource:\n  type: csv\n")).containsExactly(
				problem(1, "missing key 'name'", null),
				problem(1, "missing key 'task'",
						"define 'task', or use 'task-from: <job>' to reuse the task of another job"),
				problem(2, "missing key 'path' in 'source'", null),
				problem(2, "missing key 'text-columns' in 'source'", null));
		assertThat(problems(SOURCE + "task:\n  type: generate\n")).containsExactly(
				problem(6, "missing key 'instructions' in 'task'", null),
				problem(6, "missing key 'fields' in 'task'", null), problem(6, "missing key 'prompt' in 'task'", null));
	}

	@Test
	void valuesOfTheWrongShapeAreReported() throws IOException {
		assertThat(problems(SOURCE.replace("[text]", "text") + TASK + "model:\n  max-tokens: many\n"))
			.containsExactly(problem(5, "'source.text-columns' must be a list such as [a, b], not 'text'", null),
					problem(14, "'model.max-tokens' must be a whole number, not 'many'", null));
		assertThat(problems(SOURCE + "task: classify\n"))
			.containsExactly(problem(6, "'task' must be a map of keys and values, not 'classify'", null));
	}

	@Test
	void unknownTypesAreReportedWithTheClosestType() throws IOException {
		assertThat(problems(SOURCE.replace("type: csv", "type: CSV") + TASK.replace("type: label", "type: lable")))
			.containsExactly(problem(3, "unknown source type 'CSV'", "did you mean 'csv'?"),
					problem(11, "unknown field type 'lable'", "did you mean 'label'?"));
		assertThat(problems(SOURCE + TASK.replace("type: classify", "type: sort")))
			.containsExactly(problem(7, "unknown task type 'sort'", "one of: classify, generate"));
	}

	@Test
	void jobNamesAreLowercaseLettersDigitsAndDashes() throws IOException {
		assertThat(problems(SOURCE.replace("name: demo", "name: My Job") + TASK)).containsExactly(problem(1,
				"job name 'My Job' is not valid",
				"use 1 to 60 lowercase letters, digits and '-', starting with a letter or digit, e.g. 'my-job'"));
		assertThat(problems(SOURCE.replace("name: demo", "name: " + "a".repeat(61)) + TASK)).hasSize(1);
	}

	@Test
	void duplicateJobNamesAreReportedInBothFilesNamingTheOther() throws IOException {
		Path first = write("a.yml", SOURCE + TASK);
		Path second = write("b.yml", "# the same name\n" + SOURCE + TASK);

		assertThatThrownBy(() -> JobSpecLoader.load(List.of(first, second))).isInstanceOfSatisfying(
				InvalidJobSpecException.class,
				ex -> assertThat(ex.problems()).containsExactly(
						new SpecProblem(first, 1, "job name 'demo' is also used by " + second,
								"job names must be unique"),
						new SpecProblem(second, 2, "job name 'demo' is also used by " + first,
								"job names must be unique")));
	}

	@Test
	void fieldNamesAreValidAndUnique() throws IOException {
		String fields = TASK + """
				    - name: Sentiment
				      type: boolean
				    - name: sentiment
				      type: boolean
				""";
		assertThat(problems(SOURCE + fields)).containsExactly(
				problem(13, "field name 'Sentiment' is not valid",
						"use a lowercase letter, then up to 39 lowercase letters, digits or '_'"),
				problem(15, "duplicate field name 'sentiment'", "the first is on line 10"));
	}

	@Test
	void labelSetsAreNonEmptyValidAndWithoutDuplicates() throws IOException {
		assertThat(problems(SOURCE + TASK.replace("{positive: happy, negative: unhappy}",
				"\n        positive: happy\n        Positive: glad\n        -bad: no\n        positive: again")))
			.containsExactly(problem(14, "label 'Positive' duplicates 'positive'",
					"labels must differ in more than letter case"),
					problem(15, "label '-bad' is not valid",
							"use a letter or digit, then up to 39 letters, digits, '_' or '-'"),
					problem(16, "duplicate key 'positive'", "the first is on line 13"));
		assertThat(problems(SOURCE + TASK.replace("{positive: happy, negative: unhappy}", "{}")))
			.containsExactly(problem(12, "'task.fields[0].labels' is empty", "give at least one label"));
		assertThat(problems(SOURCE + TASK.replace("      labels: {positive: happy, negative: unhappy}\n", "")))
			.containsExactly(problem(10, "missing key 'labels' in 'task.fields[0]'",
					"give each label with what it means, e.g. labels: {positive: happy, negative: unhappy}"));
	}

	@Test
	void labelsFieldsDefaultToOneToAtMostThreeItems() throws IOException {
		FieldSpec two = load(SOURCE + TASK.replace("type: label", "type: labels")).task().fields().get(0);
		assertThat(two.minItems()).isEqualTo(1);
		assertThat(two.maxItems()).isEqualTo(2);
	}

	@Test
	void unsatisfiableItemBoundsAreReported() throws IOException {
		String labels = TASK.replace("type: label", "type: labels");
		assertThat(problems(SOURCE + labels.replace("      labels:", "      min-items: 2\n      max-items: 1\n"
				+ "      labels:")))
			.containsExactly(problem(12, "min-items 2 is more than max-items 1", "no reply could satisfy both"));
		assertThat(problems(SOURCE + labels.replace("      labels:", "      max-items: 3\n      labels:")))
			.containsExactly(problem(12, "max-items 3 is more than the 2 labels", "set max-items to at most 2"));
		assertThat(problems(SOURCE + labels.replace("      labels:", "      min-items: -1\n      labels:")))
			.containsExactly(problem(12, "min-items must not be negative, not -1", null));
		assertThat(problems(SOURCE + TASK + "    - name: tags\n      type: list\n      max-length: 20\n"))
			.containsExactly(problem(13, "a list field needs 'max-items'",
					"bound the number of items, e.g. max-items: 5"));
	}

	@Test
	void textsMustBeBoundedSatisfiably() throws IOException {
		String text = SOURCE + TASK + "    - name: summary\n      type: text\n";
		assertThat(problems(text)).containsExactly(problem(13, "a text field needs 'max-length' or 'max-words'",
				"bound every text, e.g. max-length: 200"));
		assertThat(problems(text + "      max-length: 2001\n"))
			.containsExactly(problem(15, "max-length must be 1 to 2000, not 2001", null));
		assertThat(problems(text + "      max-length: 0\n"))
			.containsExactly(problem(15, "max-length must be 1 to 2000, not 0", null));
		assertThat(problems(text + "      min-length: 50\n      max-length: 40\n"))
			.containsExactly(problem(15, "min-length 50 is more than the maximum length 40",
					"no reply could satisfy both"));
		assertThat(problems(text + "      min-words: 5\n      max-words: 4\n"))
			.containsExactly(problem(15, "min-words 5 is more than max-words 4", "no reply could satisfy both"));
		assertThat(problems(text + "      max-words: 200\n"))
			.containsExactly(problem(15, "max-words 200 allows 2400 characters (12 a word), more than 2000",
					"lower max-words, or set max-length"));
		assertThat(problems(text + "      max-items: 2\n      max-length: 10\n"))
			.containsExactly(problem(15, "'max-items' does not apply to text fields",
					"keys of text fields: name, type, description, min-length, max-length, min-words, max-words"));
	}

	@Test
	void numberRangesMustBeSatisfiable() throws IOException {
		assertThat(problems(SOURCE + TASK + "    - name: score\n      type: number\n      minimum: 5\n      maximum: 1.5\n"))
			.containsExactly(problem(15, "minimum 5 is more than maximum 1.5", "no reply could satisfy both"));
	}

	@Test
	void examplesMustBeRepliesTheFieldsAllow() throws IOException {
		String spec = SOURCE + TASK + """
				    - name: topics
				      type: labels
				      labels: {billing: money, delivery: boxes}
				    - name: summary
				      type: text
				      max-words: 3
				    - name: score
				      type: integer
				      maximum: 10
				  examples:
				    - text: Late again.
				      output:
				        sentiment: negativ
				        topics: [billing, billing]
				        summary: far too many words here
				        score: 11
				        urgency: high
				    - text: Fine.
				      output: {sentiment: positive, topics: [], summary: ok, score: 1.5}
				""";
		assertThat(problems(spec)).containsExactly(
				problem(25, "'negativ' is not a label of field 'sentiment'", "did you mean 'negative'?"),
				problem(26, "'task.examples[0].output.topics' repeats an item", null),
				problem(27, "'task.examples[0].output.summary' has 5 words; field 'summary' allows 0 to 3", null),
				problem(28, "'task.examples[0].output.score' is 11, outside the field's range ..10", null),
				problem(29, "unknown key 'urgency' in 'task.examples[0].output'",
						"allowed keys: sentiment, topics, summary, score"),
				problem(31, "'task.examples[1].output.topics' has 0 items; field 'topics' allows 1 to 2", null),
				problem(31, "'task.examples[1].output.score' must be a whole number, not '1.5'", null));
	}

	@Test
	void aValidExampleKeepsTypedValues() throws IOException {
		JobSpec spec = load(SOURCE + TASK + """
				    - name: urgent
				      type: boolean
				  examples:
				    - text: Help!
				      output: {sentiment: negative, urgent: true}
				""");

		assertThat(((ClassifySpec) spec.task()).examples()).containsExactly(
				new ClassifySpec.Example("Help!", Map.of("sentiment", "negative", "urgent", true)));
	}

	@Test
	void exampleOutputsMustHaveEveryField() throws IOException {
		assertThat(problems(SOURCE + TASK + "  examples:\n    - text: Hi\n      output: {}\n"))
			.containsExactly(problem(15, "the example's output lacks field 'sentiment'",
					"a worked example shows a whole reply"));
	}

	@Test
	void generatePromptPlaceholdersMustBeRecordColumns() throws IOException {
		String spec = SOURCE.replace("[text]", "[name]") + "  extra-columns: [category]\n" + """
				task:
				  type: generate
				  instructions: Write copy.
				  prompt: "Product: {name} ({categroy}) for {audience}"
				  banned-words: [cheap]
				  fields:
				    - name: tagline
				      type: text
				      max-length: 60
				""";
		assertThat(problems(spec.replace("[cheap]", "[cheap, \" \"]")))
			.containsExactly(problem(11, "'task.banned-words' must hold non-blank texts, not ' '", null));
		assertThat(problems(spec)).containsExactly(
				problem(10, "the prompt's placeholder {categroy} is not a column of the source's records",
						"did you mean {category}?"),
				problem(10, "the prompt's placeholder {audience} is not a column of the source's records",
						"add 'audience' to source.extra-columns; columns: name, category"));
	}

	@Test
	void linesToSkipAndACommentCharacterAreReadAndChecked() throws IOException {
		String source = SOURCE + "  skip-lines: 2\n  comment: \"#\"\n";
		CsvSourceSpec csv = (CsvSourceSpec) load(source + TASK).source();
		assertThat(csv.skipLines()).isEqualTo(2);
		assertThat(csv.comment()).isEqualTo('#');
		assertThat(csv.settingsFor(Path.of("in.csv")).skipLines()).isEqualTo(2);
		assertThat(((CsvSourceSpec) load(SOURCE + TASK).source()).comment()).isNull();

		assertThat(problems(source.replace("2", "-1").replace("\"#\"", "\",\"") + TASK)).containsExactly(
				problem(6, "skip-lines must be 0 or more, not -1", null),
				problem(7, "comment ',' is not usable", "one character that starts comment lines, such as '#', "
						+ "other than a quote, a line break or the delimiter"));
	}

	@Test
	void csvSourceOptionsAreChecked() throws IOException {
		String source = """
				name: demo
				source:
				  type: csv
				  path: in.tsv
				  delimiter: tab
				  encoding: ISO-8859-1
				  header: false
				  columns: [key, body]
				  id-column: key
				  text-columns: [body]
				""";
		CsvSourceSpec csv = (CsvSourceSpec) load(source + TASK).source();
		assertThat(csv.delimiter()).isEqualTo('\t');
		assertThat(csv.encoding().name()).isEqualTo("ISO-8859-1");
		assertThat(csv.columns()).containsExactly("key", "body");

		assertThat(problems(source.replace("tab", ";;").replace("ISO-8859-1", "latin-9000")
			.replace("[body]", "[bodi]") + TASK)).containsExactly(
					problem(5, "delimiter ';;' is not usable",
							"one character other than a quote or line break, or 'tab'"),
					problem(6, "unknown encoding 'latin-9000'", "e.g. UTF-8, ISO-8859-1 or windows-1252"),
					problem(10, "'bodi' is not one of the file's 'columns'", "did you mean 'body'?"));
		assertThat(problems(source.replace("  columns: [key, body]\n", "") + TASK)).containsExactly(problem(7,
				"a file without a header row needs 'columns'", "name the file's columns in order, e.g. columns: [id, text]"));
		assertThat(problems(source.replace("header: false", "header: true") + TASK)).containsExactly(
				problem(8, "'columns' is only for files without a header row",
						"remove 'columns', or set 'header: false'"));
		assertThat(problems(SOURCE.replace("[text]", "[]") + TASK)).containsExactly(
				problem(5, "'source.text-columns' is empty", "name the column(s) holding the text, e.g. [text]"));
	}

	@Test
	void postgresSourcesReadATableOrAReadOnlyQuery() throws IOException {
		String source = """
				name: demo
				source:
				  type: postgres
				  table: feedback
				  id-column: id
				  text-columns: [text]
				""";
		PostgresSourceSpec table = (PostgresSourceSpec) load(source + TASK).source();
		assertThat(table.pageSize()).isEqualTo(500);
		assertThat(table.updatedAtColumn()).isNull();

		assertThat(problems(source.replace("table: feedback", "query: DELETE FROM feedback; SELECT 1") + TASK))
			.containsExactly(problem(4, "the query must start with SELECT or WITH", "give a single read-only SELECT"),
					problem(4, "the query must not contain ';'", "give a single statement without a trailing ';'"));
		assertThat(problems(source.replace("table: feedback", "table: feedback\n  query: SELECT 1") + TASK))
			.containsExactly(problem(5, "a postgres source reads a 'table' or a 'query', not both",
					"remove one of them"));
		assertThat(problems(source.replace("  table: feedback\n", "").replace("  id-column: id\n", "")
				+ "  page-size: 0\n" + TASK)).containsExactly(
						problem(2, "missing key 'table' (or 'query') in 'source'",
								"name a table, or give a read-only SELECT as query"),
						problem(2, "missing key 'id-column' in 'source'", null),
						problem(5, "page-size must be at least 1, not 0", null));
	}

	@Test
	void writeBackNeedsAPostgresTableAndExistingFieldsOfClassifyOrGenerateTasks() throws IOException {
		String table = """
				name: demo
				source:
				  type: postgres
				  table: feedback
				  id-column: id
				  text-columns: [text]
				""";
		String writeBack = "outputs:\n  write-back:\n    sentimnt: sentiment_label\n";
		assertThat(problems(table + TASK + writeBack)).containsExactly(
				problem(16, "write-back names no field 'sentimnt' of the task", "did you mean 'sentiment'?"));
		assertThat(problems(table.replace("table: feedback", "query: SELECT * FROM feedback") + TASK + writeBack))
			.containsExactly(problem(15, "write-back needs a postgres source with a 'table' to write to",
					"remove outputs.write-back, or read from a postgres table"));
		assertThat(problems(SOURCE + TASK + writeBack)).containsExactly(problem(14,
				"write-back needs a postgres source with a 'table' to write to",
				"remove outputs.write-back, or read from a postgres table"));
		String generate = "task:\n  type: generate\n  instructions: Write.\n  prompt: Describe {text}\n"
				+ "  fields:\n    - name: sentimnt\n      type: text\n      max-length: 9\n";
		assertThat(load(table + generate + writeBack).outputs().writeBack()).containsEntry("sentimnt",
				"sentiment_label");
	}

	@Test
	void aResultsTableIsNamedInLowerCaseWithAnOptionalSchema() throws IOException {
		assertThat(load(SOURCE + TASK + "outputs:\n  table: feedback_results\n").outputs().table())
			.isEqualTo("feedback_results");
		assertThat(load(SOURCE + TASK + "outputs:\n  table: sift.feedback_results\n").outputs().table())
			.isEqualTo("sift.feedback_results");
		assertThat(problems(SOURCE + TASK + "outputs:\n  table: Feedback-Results\n")).containsExactly(problem(14,
				"'outputs.table' is not a table name: 'Feedback-Results'",
				"name it 'name' or 'schema.name', in lower-case letters, digits and underscores"));
	}

	@Test
	void inputColumnsAreNamedOnceForTheResultsCsvOfACsvSource() throws IOException {
		assertThat(load(SOURCE + TASK + "outputs:\n  csv: out.csv\n  input-columns: [text, id]\n").outputs()
			.inputColumns()).containsExactly("text", "id");
		assertThat(load(SOURCE + TASK + "outputs:\n  csv: out.csv\n").outputs().inputColumns()).as("all").isEmpty();
		assertThat(problems(SOURCE + TASK + "outputs:\n  csv: out.csv\n  input-columns: []\n")).containsExactly(
				problem(15, "'outputs.input-columns' is empty",
						"name the input columns the results CSV carries, or remove the key for all of them"));
		assertThat(problems(SOURCE + TASK + "outputs:\n  csv: out.csv\n  input-columns: [text, id, text]\n"))
			.containsExactly(problem(15, "'outputs.input-columns' names 'text' twice", "name each column once"));
		assertThat(problems(SOURCE + TASK + "outputs:\n  input-columns: [text]\n")).containsExactly(problem(14,
				"input-columns needs outputs.csv, the results CSV that carries them",
				"add outputs.csv, or remove outputs.input-columns"));
		String headerless = SOURCE + "  header: false\n  columns: [id, text]\n";
		assertThat(problems(headerless + TASK + "outputs:\n  csv: out.csv\n  input-columns: [id, txt]\n"))
			.containsExactly(problem(17, "'txt' is not one of the file's 'columns'", "did you mean 'text'?"));
		String table = """
				name: demo
				source:
				  type: postgres
				  table: feedback
				  id-column: id
				  text-columns: [text]
				""";
		assertThat(problems(table + TASK + "outputs:\n  csv: out.csv\n  input-columns: [text]\n"))
			.containsExactly(problem(16, "input-columns is only for csv sources: the results CSV of a postgres source "
					+ "holds no input columns", "remove outputs.input-columns"));
	}

	@Test
	void longTextIsTruncateByDefaultOrTheSpecsPolicy() throws IOException {
		assertThat(load(SOURCE + TASK).model().effectiveLongText()).isEqualTo(LongText.TRUNCATE);
		assertThat(load(SOURCE + TASK + "model:\n  long-text: chunk\n").model().effectiveLongText())
			.isEqualTo(LongText.CHUNK);
		assertThat(problems(SOURCE + TASK + "model:\n  long-text: split\n"))
			.containsExactly(problem(14, "long-text must be truncate, chunk or fail, not 'split'", null));
		assertThat(load(SOURCE + TASK + "model:\n  examples-from-corrections: 3\n").model().correctionExamples())
			.isEqualTo(3);
		assertThat(load(SOURCE + TASK).model().correctionExamples()).isZero();
		assertThat(problems(SOURCE + TASK + "model:\n  examples-from-corrections: 9\n"))
			.containsExactly(problem(14, "examples-from-corrections must be 0 to 8, not 9", null));
	}

	@Test
	void runsAreNotSplitUnlessTheSpecAsksForPartitionsFrom1To256() throws IOException {
		assertThat(load(SOURCE + TASK).partitions()).isOne();
		assertThat(load(SOURCE + TASK + "partitions: 8\n").partitions()).isEqualTo(8);
		assertThat(problems(SOURCE + TASK + "partitions: 0\n")).containsExactly(problem(13,
				"partitions must be 1 to 256, not 0",
				"1 runs the job in the process that starts it; more split each run for workers"));
		assertThat(problems(SOURCE + TASK + "partitions: 257\n")).hasSize(1);
		assertThat(problems(SOURCE + TASK + "partitions: many\n")).hasSize(1);
	}

	@Test
	void scheduleAndModelOptionsAreChecked() throws IOException {
		JobSpec spec = load(SOURCE + TASK + "schedule:\n  cron: \"0 0 2 * * *\"\n  zone: Europe/Berlin\n"
				+ "  catch-up: true\nmodel:\n  temperature: 0.7\n  max-tokens: 100\n");
		assertThat(spec.schedule()).isEqualTo(new ScheduleSpec("0 0 2 * * *", ZoneId.of("Europe/Berlin"), true));
		assertThat(spec.model()).isEqualTo(new ModelSpec(0.7, 100));
		assertThat(load(SOURCE + TASK + "schedule:\n  cron: \"0 0 2 * * *\"\n").schedule())
			.isEqualTo(new ScheduleSpec("0 0 2 * * *", ZoneId.of("UTC"), false));

		assertThat(problems(SOURCE + TASK + "schedule:\n  cron: \"0 0 2 * *\"\n  zone: Europe/Berln\n"
				+ "model:\n  temperature: 2.5\n  max-tokens: 5000\n")).containsExactly(
						problem(14, "cron '0 0 2 * *' is not valid: Cron expression must consist of 6 fields "
								+ "(found 5 in \"0 0 2 * *\")",
								"six fields: second minute hour day month weekday, e.g. \"0 0 2 * * *\""),
						problem(15, "unknown time zone 'Europe/Berln'", "did you mean 'Europe/Berlin'?"),
						problem(17, "temperature must be 0 to 2, not 2.5", null),
						problem(18, "max-tokens must be 1 to 4096, not 5000", null));
	}

	@Test
	void taskFromCopiesTheTaskAndTheModelUnlessTheSpecSetsItsOwn() throws IOException {
		Path origin = write("a.yml", SOURCE + TASK + "model:\n  temperature: 0.5\n");
		Path copy = write("b.yml", SOURCE.replace("demo", "copy") + "task-from: demo\n");
		Path own = write("c.yml", SOURCE.replace("demo", "own") + "task-from: demo\nmodel:\n  max-tokens: 9\n");

		List<JobSpec> specs = JobSpecLoader.load(List.of(origin, copy, own));

		assertThat(specs.get(1).task()).isEqualTo(specs.get(0).task());
		assertThat(specs.get(1).model()).isEqualTo(new ModelSpec(0.5, null));
		assertThat(specs.get(1).lineOf("task.fields[0].labels")).isEqualTo(6);
		assertThat(specs.get(2).model()).isEqualTo(new ModelSpec(null, 9));
	}

	@Test
	void taskFromMustNameAJobWithItsOwnTaskAndCannotSitBesideATask() throws IOException {
		Path origin = write("a.yml", SOURCE + TASK);
		Path typo = write("b.yml", SOURCE.replace("demo", "typo") + "task-from: demoo\n");
		Path chain = write("c.yml", SOURCE.replace("demo", "chain") + "task-from: typo\n");
		Path both = write("d.yml", SOURCE.replace("demo", "both") + TASK + "task-from: demo\n");

		assertThatThrownBy(() -> JobSpecLoader.load(List.of(origin, typo, chain, both))).isInstanceOfSatisfying(
				InvalidJobSpecException.class,
				ex -> assertThat(ex.problems()).containsExactly(
						new SpecProblem(typo, 6, "task-from names no job 'demoo'", "did you mean 'demo'?"),
						new SpecProblem(chain, 6, "task-from names 'typo', which takes its own task from 'demoo'",
								"name the job that defines the task; task-from does not chain"),
						new SpecProblem(both, 13, "'task' and 'task-from' together",
								"keep 'task' to define the task here, or 'task-from' to use another job's task")));
	}

	@Test
	void yamlSyntaxErrorsAreReportedAtTheirLine() throws IOException {
		List<SpecProblem> problems = problems(SOURCE + "task:\n  type: [classify\n  fields: x\n");

		assertThat(problems).singleElement().satisfies(problem -> {
			assertThat(problem.line()).isEqualTo(8);
			assertThat(problem.message()).startsWith("YAML syntax: ");
		});
		assertThat(problems("")).containsExactly(
				problem(1, "the file is empty", "a job spec needs at least name, source and task"));
	}

	@Test
	void everyProblemOfEveryFileIsCollected() throws IOException {
		Path first = write("a.yml", SOURCE.replace("csv", "cvs") + TASK.replace("type: label", "type: lable"));
		Path second = write("b.yml", "name: Bad\n");

		assertThatThrownBy(() -> JobSpecLoader.load(List.of(first, second)))
			.isInstanceOfSatisfying(InvalidJobSpecException.class, ex -> assertThat(ex.problems()).hasSize(5))
			.hasMessageContaining(first + ":3: unknown source type 'cvs' (one of: csv, postgres)")
			.hasMessageContaining(second + ":1: job name 'Bad' is not valid");
	}

	@Test
	void aMissingOrEmptyDirectoryIsAClearError() throws IOException {
		assertThatThrownBy(() -> JobSpecs.load(this.dir.resolve("nowhere"))).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("nowhere does not exist; set sift.jobs.dir");
		assertThatThrownBy(() -> JobSpecs.load(this.dir)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("holds no *.yml or *.yaml file");
	}

	@Test
	void aDirectoryIsReadInFileNameOrderFromYmlAndYamlFiles() throws IOException {
		write("b.yaml", SOURCE.replace("demo", "second") + TASK);
		write("a.yml", SOURCE.replace("demo", "first") + TASK);
		write("notes.txt", "not a spec");

		assertThat(JobSpecs.load(this.dir).all()).extracting(JobSpec::name).containsExactly("first", "second");
	}

	private JobSpec load(String yaml) throws IOException {
		this.file = write("job.yml", yaml);
		return JobSpecLoader.load(List.of(this.file)).get(0);
	}

	private List<SpecProblem> problems(String yaml) throws IOException {
		this.file = write("job.yml", yaml);
		try {
			JobSpecLoader.load(List.of(this.file));
			return List.of();
		}
		catch (InvalidJobSpecException ex) {
			return new ArrayList<>(ex.problems());
		}
	}

	private SpecProblem problem(int line, String message, String suggestion) {
		return new SpecProblem(this.file, line, message, suggestion);
	}

	private Path write(String name, String content) throws IOException {
		return Files.writeString(this.dir.resolve(name), content);
	}

}
