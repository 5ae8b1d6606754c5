package dev.sift.output;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import dev.sift.definition.JobSpec;
import dev.sift.definition.JobSpecs;
import dev.sift.result.ClassificationResult;
import dev.sift.result.ClassificationResult.Usage;
import dev.sift.result.ResultStatus;
import dev.sift.result.ResultStore;
import dev.sift.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The results table of {@code outputs.table} on a real PostgreSQL: created with a typed column per field, filled from
 * what the results store holds, and an existing table of another shape reported, never altered.
 */
class ResultsTableTest {

	private static final String PROMPT_VERSION = "v1";

	@TempDir
	Path directory;

	private final JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.dataSource());

	private final ResultStore results = new ResultStore(this.jdbc,
			new DataSourceTransactionManager(TestDatabase.dataSource()));

	private final Outputs outputs = new Outputs(this.jdbc, this.results);

	private String job;

	private String table;

	@BeforeEach
	void names() {
		String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		this.job = "typed-" + unique;
		this.table = "results_" + unique;
	}

	@Test
	void theTableHasATypedColumnPerFieldAndTheResultsStoredBeforeItWasCreated() throws IOException {
		JobSpec spec = spec(this.table);
		store("R-1", ResultStatus.OK, Map.of("sentiment", "negative", "topics", List.of("billing", "delivery"),
				"summary", "Charged twice.", "points", List.of("a", "b"), "score", 0.25, "stars", 4, "urgent", true),
				null);

		this.outputs.prepare(spec, PROMPT_VERSION);

		assertThat(this.jdbc.queryForList("""
				SELECT column_name || ' ' || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN
				    ' not null' ELSE '' END
				FROM information_schema.columns c JOIN pg_attribute a ON a.attrelid = to_regclass(c.table_name)
				    AND a.attname = c.column_name
				WHERE c.table_name = ? ORDER BY c.ordinal_position""", String.class, this.table))
			.containsExactly("source text not null", "record_id text not null", "sentiment text", "topics text[]",
					"summary text", "points text[]", "score numeric", "stars numeric", "urgent boolean",
					"status text not null", "reason text", "prompt_version text not null",
					"updated_at timestamp with time zone not null");
		Map<String, Object> row = row("R-1");
		assertThat(row).containsEntry("source", "/data/in.csv")
			.containsEntry("sentiment", "negative")
			.containsEntry("summary", "Charged twice.")
			.containsEntry("status", "ok")
			.containsEntry("reason", null)
			.containsEntry("prompt_version", PROMPT_VERSION)
			.containsEntry("urgent", true);
		assertThat(texts(row.get("topics"))).containsExactly("billing", "delivery");
		assertThat(texts(row.get("points"))).containsExactly("a", "b");
		assertThat((BigDecimal) row.get("score")).isEqualByComparingTo("0.25");
		assertThat((BigDecimal) row.get("stars")).isEqualByComparingTo("4");
	}

	@Test
	void aChunksResultsReachTheTableAsStoredAndAValueOfTheWrongKindIsNull() throws IOException {
		JobSpec spec = spec(this.table);
		this.outputs.prepare(spec, PROMPT_VERSION);
		store("R-1", ResultStatus.NEEDS_REVIEW, Map.of("sentiment", "negative", "topics", "billing", "score", "high",
				"urgent", "yes"), "score: expected a number");
		store("R-2", ResultStatus.FAILED, Map.of(), "/data/in.csv line 3: empty text");

		this.outputs.stored(spec, "/data/in.csv", PROMPT_VERSION, List.of("R-1", "R-2"));

		assertThat(row("R-1")).containsEntry("sentiment", "negative")
			.containsEntry("topics", null)
			.containsEntry("score", null)
			.containsEntry("urgent", null)
			.containsEntry("status", "needs_review")
			.containsEntry("reason", "score: expected a number");
		assertThat(row("R-2")).containsEntry("sentiment", null)
			.containsEntry("status", "failed")
			.containsEntry("reason", "/data/in.csv line 3: empty text");

		store("R-2", ResultStatus.OK, Map.of("sentiment", "positive"), null);
		this.outputs.stored(spec, "/data/in.csv", PROMPT_VERSION, List.of("R-2"));

		assertThat(row("R-2")).containsEntry("sentiment", "positive").containsEntry("status", "ok");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM " + this.table, Long.class)).isEqualTo(2);
	}

	@Test
	void anExistingTableOfAnotherShapeIsReportedWithEveryDifferenceAndLeftAsItWas() throws IOException {
		this.jdbc.execute("CREATE TABLE " + this.table + " (source text, record_id text, sentiment integer, "
				+ "summary text, points text[], score numeric, stars numeric, urgent boolean, status text, reason text, "
				+ "prompt_version text, updated_at timestamptz, owner text NOT NULL)");
		JobSpec spec = spec(this.table);

		assertThatThrownBy(() -> this.outputs.prepare(spec, PROMPT_VERSION)).isInstanceOf(ItemStreamException.class)
			.hasMessage("results table public." + this.table + " of job " + this.job + " does not fit: column "
					+ "sentiment is integer, not text; no column topics text[]; column owner is NOT NULL without a "
					+ "default, and Sift does not fill it. Sift never alters a table it did not create: drop it (the "
					+ "next run creates it again from the stored results), change it, or name another in "
					+ "outputs.table");
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM information_schema.columns WHERE table_name = ? AND column_name = 'topics'",
				Long.class, this.table)).as("no column added").isZero();
	}

	@Test
	void validateReportsATableOfAnotherShapeAtTheSpecsLineAndSaysATableToComeIsCreatedByTheFirstRun()
			throws IOException {
		JobSpec spec = spec(this.table);
		ResultsTableCheck check = new ResultsTableCheck(this.outputs);
		assertThat(check.check(spec).problems()).isEmpty();
		assertThat(check.check(spec).findings())
			.containsExactly("results table " + this.table + " is created by the first run");

		this.jdbc.execute("CREATE TABLE " + this.table + " (source text, record_id text)");

		assertThat(check.check(spec).problems()).as("each column missing, the fields' and the table's own")
			.hasSize(11)
			.first()
			.hasToString(spec.file() + ":" + spec.lineOf("outputs.table") + ": results table " + this.table
					+ ": no column sentiment text (Sift never alters a table it did not create: drop it, change it, "
					+ "or name another)");
	}

	@Test
	void aTableWithoutAKeyOnSourceAndRecordIsReported() throws IOException {
		this.jdbc.execute("CREATE TABLE " + this.table + " (source text, record_id text, sentiment text, "
				+ "topics text[], summary text, points text[], score numeric, stars numeric, urgent boolean, "
				+ "status text, reason text, prompt_version text, updated_at timestamptz)");

		assertThat(this.outputs.tableProblems(spec(this.table)))
			.containsExactly("no primary key or unique index on (source, record_id)");

		this.jdbc.execute("CREATE UNIQUE INDEX ON " + this.table + " (record_id, source)");
		assertThat(this.outputs.tableProblems(spec(this.table))).isEmpty();
	}

	@Test
	void aMissingSchemaAndAFieldNamedLikeOneOfTheTablesOwnColumnsAreReported() throws IOException {
		assertThat(this.outputs.tableProblems(spec("no_such_schema." + this.table))).containsExactly(
				"schema 'no_such_schema' does not exist: create it (CREATE SCHEMA no_such_schema) or name the table in "
						+ "another schema");
		JobSpec clash = spec(this.table, "    - name: status\n      type: label\n      labels: {open: open, done: done}\n");
		assertThat(this.outputs.tableProblems(clash)).containsExactly("field 'status' has the name of one of the "
				+ "table's own columns (source, record_id, status, reason, prompt_version, updated_at): rename the field");
	}

	private JobSpec spec(String tableName) throws IOException {
		return spec(tableName, """
				    - name: sentiment
				      type: label
				      labels: {positive: happy, negative: unhappy}
				    - name: topics
				      type: labels
				      max-items: 2
				      labels: {billing: money, delivery: couriers}
				    - name: summary
				      type: text
				      max-length: 80
				    - name: points
				      type: list
				      max-items: 3
				      max-length: 20
				    - name: score
				      type: number
				      minimum: 0
				      maximum: 1
				    - name: stars
				      type: integer
				      minimum: 1
				      maximum: 5
				    - name: urgent
				      type: boolean
				""");
	}

	private JobSpec spec(String tableName, String fields) throws IOException {
		Path specs = Files.createDirectories(this.directory.resolve(UUID.randomUUID().toString()));
		Files.writeString(specs.resolve("job.yml"), """
				name: %s
				source:
				  type: csv
				  path: in.csv
				  text-columns: [text]
				task:
				  type: classify
				  instructions: Classify.
				  fields:
				%s
				outputs:
				  table: %s
				""".formatted(this.job, fields.stripTrailing(), tableName));
		return JobSpecs.load(specs).get(this.job);
	}

	private void store(String recordId, ResultStatus status, Map<String, Object> labels, String reason) {
		this.results.upsert(List.of(new ClassificationResult(this.job, null, "/data/in.csv", recordId, 2, "text of "
				+ recordId, Map.of(), labels, "{}", status, reason, 1, "test-model", PROMPT_VERSION, Usage.NONE)));
	}

	private Map<String, Object> row(String recordId) {
		return this.jdbc.queryForMap("SELECT * FROM " + this.table + " WHERE record_id = ?", recordId);
	}

	private static List<Object> texts(Object array) {
		try {
			return List.of((Object[]) ((Array) array).getArray());
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
