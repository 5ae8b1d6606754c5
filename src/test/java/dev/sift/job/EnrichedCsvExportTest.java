package dev.sift.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sift.run.JobRunner;
import dev.sift.testing.ScriptedModelTest;

/**
 * The results file of a CSV job is its input with the results added: every input column (or the spec's selection)
 * as the file has it, then one column per field, the status and the reason, one row per input record in file order.
 * Output and input are parsed here with Commons CSV directly, not with Sift's readers, and compared cell by cell with
 * the input and with the results the runs stored.
 */
@ScriptedModelTest
class EnrichedCsvExportTest {

	private static final String JOB = "classify-feedback";

	/** The shipped classify-feedback job with {@code outputs.input-columns: [text, id]}. */
	private static final String SELECTED = "feedback-selected";

	/** The shipped classify-feedback job with {@code outputs.input-columns: [text, channnel]}: a typo. */
	private static final String TYPO = "feedback-typo";

	private static final Path SAMPLE = Path.of("jobs/samples/feedback.csv");

	private static final int SAMPLE_RECORDS = 72;

	private static final List<String> FIELDS = List.of("sentiment", "topics", "urgency", "summary", "language");

	private static final String HEADER = "id,received_at,channel,product,text\r\n";

	private static Path specs;

	@Autowired
	JobRunner jobRunner;

	@Autowired
	SpecJobs jobs;

	@Autowired
	JdbcTemplate jdbc;

	@TempDir
	Path directory;

	private JobRuns runs;

	@DynamicPropertySource
	static void shippedSpecAndASelection(DynamicPropertyRegistry registry) {
		try {
			specs = Files.createTempDirectory("sift-enriched-csv-");
			String shipped = Files.readString(Path.of("jobs/classify-feedback.yml"))
				.replaceAll("(?m)^schedule:.*(\\R[ \\t].*)*", "");
			String outputs = "outputs:\n  csv: data/results/classify-feedback.csv\n";
			assertThat(shipped).contains(outputs);
			Files.writeString(specs.resolve(JOB + ".yml"), shipped);
			Files.writeString(specs.resolve(SELECTED + ".yml"), shipped.replace("name: " + JOB, "name: " + SELECTED)
				.replace(outputs, outputs + "  input-columns: [text, id]\n"));
			Files.writeString(specs.resolve(TYPO + ".yml"), shipped.replace("name: " + JOB, "name: " + TYPO)
				.replace(outputs, outputs + "  input-columns: [text, channnel]\n"));
			registry.add("sift.jobs.dir", specs::toString);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@BeforeEach
	void setUp() {
		this.runs = new JobRuns(this.jobRunner, this.jobs, this.jdbc);
	}

	@Test
	void theSampleComesBackCellByCellWithItsColumnsThenTheFieldsTheStatusAndTheReason() throws Exception {
		Path input = Files.copy(SAMPLE, this.directory.resolve("feedback.csv"));
		Path output = this.directory.resolve("results.csv");

		assertThat(this.runs.run(JOB, input.toString(), output).getStatus()).isEqualTo(BatchStatus.COMPLETED);

		Table in = Table.read(input);
		assertThat(in.rows()).hasSize(SAMPLE_RECORDS);
		assertThat(in.cells()).as("the sample has what must round-trip")
			.anyMatch(cell -> cell.contains("\""))
			.anyMatch(cell -> cell.contains(","))
			.anyMatch(cell -> cell.contains("\n"))
			.anyMatch(cell -> cell.chars().anyMatch(c -> c > 127))
			.anyMatch(cell -> cell.codePoints().anyMatch(Character::isSupplementaryCodePoint));
		assertEnriched(in, in.header(), Table.read(output), this.runs.results(JOB, input.toString()));
	}

	@Test
	void quotesCommasLineBreaksAndNonAsciiTextComeBackAsTheyWere() throws Exception {
		Path input = Files.writeString(this.directory.resolve("quoted.csv"), "id,channel,product,text,notes\r\n"
				+ "Q-1,email,Classic Box,\"She said \"\"late, again\"\", twice\",\"line one\r\nline two\"\r\n"
				+ "Q-2,chat,\"Box, large\",\"Grüße aus Köln – die Lieferung war spät 🚚\",\"¿Qué? 日本語\"\r\n"
				+ "Q-3,app,,\"first line\nsecond line\",\"  padded  \"\r\n"
				+ "Q-4,phone,Veggie Box,\"\"\"quoted\"\" only\",\r\n", StandardCharsets.UTF_8);
		Path output = this.directory.resolve("quoted-results.csv");

		assertThat(this.runs.run(JOB, input.toString(), output).getStatus()).isEqualTo(BatchStatus.COMPLETED);

		Table in = Table.read(input);
		Table out = Table.read(output);
		assertEnriched(in, in.header(), out, this.runs.results(JOB, input.toString()));
		assertThat(out.rows().get(1).get("text")).isEqualTo("Grüße aus Köln – die Lieferung war spät 🚚");
		assertThat(out.rows().get(0).get("notes")).isEqualTo("line one\r\nline two");
		assertThat(out.rows().get(2).get("notes")).as("not stripped").isEqualTo("  padded  ");
		assertThat(Files.readString(output, StandardCharsets.UTF_8)).as("UTF-8").contains("¿Qué? 日本語");
	}

	@Test
	void aRowThatCannotBeSplitIntoTheColumnsHasEmptyInputColumnsAndFailsWithItsFileAndLine() throws Exception {
		Path input = Files.writeString(this.directory.resolve("broken-row.csv"), HEADER
				+ "B-1,2026-10-01,email,Classic Box,Fresh and tasty\r\n"
				+ "B-2,2026-10-01,chat,Veggie Box,one, two\r\n"
				+ "B-3,2026-10-02,app,Family Box,\r\n"
				+ "B-1,2026-10-02,phone,Classic Box,Same id again\r\n"
				+ "B-5,2026-10-03,chat,Veggie Box,Lovely\r\n", StandardCharsets.UTF_8);
		Path output = this.directory.resolve("broken-row-results.csv");

		assertThat(this.runs.run(JOB, input.toString(), output).getStatus()).isEqualTo(BatchStatus.COMPLETED);

		Table out = Table.read(output);
		List<Map<String, Object>> results = this.runs.results(JOB, input.toString());
		assertThat(out.rows()).hasSize(5);
		Map<String, String> split = out.rows().get(1);
		Table.read(input).header().forEach(column -> assertThat(split.get(column)).as(column).isEmpty());
		assertThat(split).containsEntry("status", "failed")
			.containsEntry("reason", input.toRealPath() + " line 3: expected 5 fields, found 6")
			.containsEntry("reason", (String) results.get(1).get("reason"));
		assertThat(out.rows().get(2)).as("an empty text fits the columns: kept")
			.containsEntry("id", "B-3")
			.containsEntry("status", "failed")
			.containsEntry("reason", input.toRealPath() + " line 4: empty text");
		assertThat(out.rows().get(3)).as("a duplicated id is stored as line-5: kept")
			.containsEntry("id", "B-1")
			.containsEntry("text", "Same id again")
			.containsEntry("status", "failed");
		assertThat(results.get(3)).containsEntry("record_id", "line-5");
		assertThat(out.rows().get(4)).containsEntry("id", "B-5").containsEntry("status", "ok");
	}

	@Test
	void theSpecsInputColumnsAreTheOnlyInputColumnsInTheSpecsOrder() throws Exception {
		Path input = Files.copy(SAMPLE, this.directory.resolve("selected.csv"));
		Path output = this.directory.resolve("selected-results.csv");

		assertThat(this.runs.run(SELECTED, input.toString(), output).getStatus()).isEqualTo(BatchStatus.COMPLETED);

		Table out = Table.read(output);
		assertThat(out.header()).containsExactly("text", "id", "sentiment", "topics", "urgency", "summary",
				"language", "status", "reason");
		assertEnriched(Table.read(input), List.of("text", "id"), out, this.runs.results(SELECTED, input.toString()));
	}

	@Test
	void anInputColumnTheFileDoesNotHaveFailsTheRunInItsExportAfterStoringTheResultsAndWritesNoFile()
			throws Exception {
		Path input = Files.copy(SAMPLE, this.directory.resolve("typo.csv"));
		Path output = this.directory.resolve("typo-results.csv");

		JobExecution execution = this.runs.run(TYPO, input.toString(), output);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(execution.getAllFailureExceptions()).singleElement()
			.satisfies(failure -> assertThat(failure.getMessage()).startsWith(input.toRealPath()
					+ " has no column 'channnel' (did you mean 'channel'?) (outputs.input-columns of ")
				.contains("columns: id, received_at, channel, product, text")
				.contains("run the job again"));
		assertThat(this.runs.results(TYPO, input.toString())).hasSize(SAMPLE_RECORDS);
		assertThat(output).doesNotExist();
		assertThat(this.directory).isDirectoryNotContaining("glob:**.part");
	}

	@Test
	void aFieldOrTheStatusNamedLikeAnInputColumnIsPrefixedWithSift() throws Exception {
		Path input = Files.writeString(this.directory.resolve("clash.csv"), "id,channel,product,text,Urgency,status\r\n"
				+ "C-1,email,Classic Box,The box came late,asap,open\r\n"
				+ "C-2,chat,Veggie Box,Fresh and tasty,,closed\r\n", StandardCharsets.UTF_8);
		Path output = this.directory.resolve("clash-results.csv");

		assertThat(this.runs.run(JOB, input.toString(), output).getStatus()).isEqualTo(BatchStatus.COMPLETED);

		Table out = Table.read(output);
		assertThat(out.header()).containsExactly("id", "channel", "product", "text", "Urgency", "status", "sentiment",
				"topics", "sift_urgency", "summary", "language", "sift_status", "reason");
		assertThat(out.rows().get(0)).containsEntry("Urgency", "asap")
			.containsEntry("status", "open")
			.containsEntry("sift_urgency", "high")
			.containsEntry("sift_status", "ok");
		assertThat(out.rows().get(1)).containsEntry("status", "closed").containsEntry("sift_urgency", "low");
	}

	@Test
	void aRunAfterALimitedOneRewritesTheFileWithEveryStoredResult() throws Exception {
		Path input = Files.copy(SAMPLE, this.directory.resolve("rerun.csv"));
		Path output = this.directory.resolve("rerun-results.csv");

		JobExecution limited = this.runs.run(JOB, input.toString(), output, new RunOptions(false, 10L));

		assertThat(limited.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Table in = Table.read(input);
		Table first = Table.read(output);
		assertThat(first.rows()).as("every input record, processed or not").hasSize(SAMPLE_RECORDS);
		assertEnriched(in, in.header(), first.head(10), this.runs.results(JOB, input.toString()));
		for (Map<String, String> notYet : first.rows().subList(10, SAMPLE_RECORDS)) {
			Stream.concat(FIELDS.stream(), Stream.of("status", "reason"))
				.forEach(column -> assertThat(notYet.get(column)).as(column).isEmpty());
		}
		assertThat(first.rows()).extracting(row -> row.get("id"))
			.as("in file order")
			.containsExactlyElementsOf(in.rows().stream().map(row -> row.get("id")).toList());

		assertThat(this.runs.run(JOB, input.toString(), output).getStatus()).isEqualTo(BatchStatus.COMPLETED);

		assertEnriched(in, in.header(), Table.read(output), this.runs.results(JOB, input.toString()));
	}

	/**
	 * The results file holds one row per input record, in order: the input's cells in {@code inputColumns}, then
	 * the record's stored result (the results in source order, one per record): its labels, lists joined with "; ",
	 * its status and its reason.
	 */
	private static void assertEnriched(Table input, List<String> inputColumns, Table output,
			List<Map<String, Object>> results) {
		List<String> header = new ArrayList<>(inputColumns);
		header.addAll(FIELDS);
		header.addAll(List.of("status", "reason"));
		assertThat(output.header()).containsExactlyElementsOf(header);
		assertThat(results).hasSize(output.rows().size());
		for (int row = 0; row < output.rows().size(); row++) {
			Map<String, String> in = input.rows().get(row);
			Map<String, String> out = output.rows().get(row);
			Map<String, Object> result = results.get(row);
			for (String column : inputColumns) {
				assertThat(out.get(column)).as("row %d, %s", row + 1, column).isEqualTo(in.get(column));
			}
			Map<String, Object> labels = result.get("labels") == null ? Map.of() : JobRuns.labels(result);
			for (String field : FIELDS) {
				assertThat(out.get(field)).as("row %d, %s", row + 1, field).isEqualTo(cell(labels.get(field)));
			}
			assertThat(out.get("status")).as("row %d, status", row + 1).isEqualTo(result.get("status"));
			assertThat(out.get("reason")).as("row %d, reason", row + 1).isEqualTo(cell(result.get("reason")));
		}
	}

	private static String cell(Object value) {
		if (value instanceof List<?> items) {
			return String.join("; ", items.stream().map(String::valueOf).toList());
		}
		return value == null ? "" : value.toString();
	}

	/** A CSV file as RFC 4180 reads it: its header and its rows by column name. */
	private record Table(List<String> header, List<Map<String, String>> rows) {

		static Table read(Path file) throws IOException {
			try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
					CSVParser parser = CSVFormat.RFC4180.builder().setHeader().get().parse(reader)) {
				List<Map<String, String>> rows = parser.getRecords().stream().map(CSVRecord::toMap).toList();
				return new Table(parser.getHeaderNames(), rows);
			}
		}

		Table head(int count) {
			return new Table(this.header, this.rows.subList(0, count));
		}

		List<String> cells() {
			return this.rows.stream().flatMap(row -> row.values().stream()).toList();
		}

	}

}
