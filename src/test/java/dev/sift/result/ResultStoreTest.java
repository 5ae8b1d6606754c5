package dev.sift.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import dev.sift.testing.TestDatabase;

/** Against the shared test database: every test writes its own {@code source}, so tests never see each other's rows. */
class ResultStoreTest {

	private static final List<String> LABELS = List.of("sentiment", "topics", "urgency", "summary", "language");

	private final JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.dataSource());

	private final ResultStore repository = new ResultStore(this.jdbc, new DataSourceTransactionManager(TestDatabase.dataSource()));

	@TempDir
	Path dir;

	@Test
	void upsertOfTheSameRecordAndPromptVersionUpdatesTheOneRow() throws InterruptedException {
		String source = "upsert-same-key.csv";
		this.repository.upsert(List.of(new ClassificationResult("classify-feedback", 900_101L, source, "A1", 2, "Late",
				Map.of("channel", "app"), Map.of(), "{\"sentiment\": \"angry\"}", ResultStatus.NEEDS_REVIEW,
				"sentiment: 'angry' is not one of [...]", 2, "tiny.gguf", "v1", new ClassificationResult.Usage(10, 5, 100))));
		Map<String, Object> first = row(source, "A1", "v1");
		Thread.sleep(5);

		this.repository.upsert(List.of(ok(source, "A1", 3, "v1", 900_102L)));

		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM classification_result WHERE source = ?", Long.class,
				source)).isEqualTo(1);
		Map<String, Object> second = row(source, "A1", "v1");
		assertThat(second).containsEntry("status", "ok")
			.containsEntry("reason", null)
			.containsEntry("attempts", 1)
			.containsEntry("job_instance_id", 900_102L)
			.containsEntry("source_line", 3L)
			.containsEntry("raw_output", "{\"sentiment\": \"positive\"}")
			.containsEntry("prompt_tokens", 120)
			.containsEntry("completion_tokens", 30)
			.containsEntry("duration_ms", 800L);
		assertThat(JsonMapper.shared().readTree((String) second.get("labels")))
			.isEqualTo(JsonMapper.shared().readTree("""
					{"sentiment": "positive", "topics": ["delivery", "billing"]}"""));
		assertThat(second.get("created_at")).isEqualTo(first.get("created_at"));
		assertThat(timestamp(second, "updated_at")).isAfter(timestamp(first, "updated_at"));
	}

	@Test
	void theExamplesAPromptHadAndWhatWasDoneToALongTextAreStoredWithTheResult() {
		String source = "traceable.csv";
		this.repository.upsert(List.of(new ClassificationResult("classify-feedback", 900_111L, source, "T1", 2, "Late",
				Map.of(), Map.of("sentiment", "negative"), "{}", ResultStatus.OK, null, 1, "tiny.gguf", "v1",
				ClassificationResult.Usage.NONE, "truncated: 10 of 50 tokens dropped, 40 kept", List.of(41L, 42L)),
				new ClassificationResult("classify-feedback", 900_111L, source, "T2", 3, "Fine", Map.of(),
						Map.of("sentiment", "positive"), "{}", ResultStatus.OK, null, 1, "tiny.gguf", "v1",
						ClassificationResult.Usage.NONE)));

		Map<String, StoredResult> stored = this.repository.latestByRecord("classify-feedback", source, "v1",
				List.of("T1", "T2"));

		assertThat(stored.get("T1").exampleIds()).containsExactly(41L, 42L);
		assertThat(stored.get("T1").textHandling()).isEqualTo("truncated: 10 of 50 tokens dropped, 40 kept");
		assertThat(stored.get("T2").exampleIds()).isEmpty();
		assertThat(stored.get("T2").textHandling()).isNull();
	}

	@Test
	void anotherPromptVersionIsAnotherRow() {
		String source = "upsert-two-versions.csv";

		this.repository.upsert(List.of(ok(source, "A1", 2, "v1", 900_201L), ok(source, "A1", 2, "v2", 900_201L)));

		assertThat(this.jdbc.queryForList(
				"SELECT prompt_version FROM classification_result WHERE source = ? ORDER BY prompt_version",
				String.class, source))
			.containsExactly("v1", "v2");
	}

	@Test
	void storesFieldsAndAResultWithoutJobInstance() {
		String source = "upsert-no-instance.csv";

		this.repository.upsert(List.of(new ClassificationResult("classify-feedback", null, source, "A1", 2, "Hi",
				Map.of("channel", "app", "product", "Veggie box"), Map.of(), null, ResultStatus.FAILED,
				"empty text", 0, "tiny.gguf", "v1", ClassificationResult.Usage.NONE)));

		Map<String, Object> row = row(source, "A1", "v1");
		assertThat(row).containsEntry("job_instance_id", null).containsEntry("labels", null);
		assertThat(JsonMapper.shared().readTree((String) row.get("fields")))
			.isEqualTo(JsonMapper.shared().readTree("{\"channel\": \"app\", \"product\": \"Veggie box\"}"));
	}

	@Test
	void countsStatusesOfOneJobInstanceOnly() {
		String source = "count-by-status.csv";
		long instance = 900_301L;

		this.repository.upsert(List.of(ok(source, "A1", 2, "v1", instance), ok(source, "A2", 3, "v1", instance),
				failed(source, "A3", 4, "v1", instance), needsReview(source, "A4", 5, "v1", instance),
				needsReview(source, "A5", 6, "v1", instance), needsReview(source, "A6", 7, "v1", instance),
				ok(source, "A7", 8, "v1", 900_302L)));

		StatusCounts counts = this.repository.countByStatus(ResultFilter.ALL.withInstance(instance));
		assertThat(counts.byStatus()).containsExactlyInAnyOrderEntriesOf(
				Map.of(ResultStatus.OK, 2L, ResultStatus.NEEDS_REVIEW, 3L, ResultStatus.FAILED, 1L));
		assertThat(counts.total()).isEqualTo(6);
		assertThat(this.repository.countByStatus(ResultFilter.ALL.withInstance(900_303L)).total()).isZero();
	}

	@Test
	void resultsAPersonDecidedOnStillCountForTheirRun() {
		String source = "count-decided.csv";
		long instance = 900_304L;
		this.repository.upsert(List.of(ok(source, "B1", 2, "v1", instance), ok(source, "B2", 3, "v1", instance),
				ok(source, "B3", 4, "v1", instance), needsReview(source, "B4", 5, "v1", instance)));

		this.jdbc.update("UPDATE classification_result SET status = 'reviewed' WHERE source = ? AND record_id IN "
				+ "('B1', 'B4')", source);
		this.jdbc.update("UPDATE classification_result SET status = 'approved' WHERE source = ? AND record_id = 'B2'",
				source);

		StatusCounts counts = this.repository.countByStatus(ResultFilter.ALL.withInstance(instance));
		assertThat(counts.ok()).isEqualTo(1);
		assertThat(counts.needsReview()).isZero();
		assertThat(counts.decided()).isEqualTo(3);
	}

	@Test
	void eachRecordOfAJobsSourceComesOnceWithItsCurrentPromptVersionElseItsNewestResult() throws InterruptedException {
		String source = "each-record.csv";
		this.repository.upsert(List.of(ok(source, "A1", 2, "v0", 900_400L), ok(source, "A2", 3, "v0", 900_400L)));
		Thread.sleep(5);
		this.repository.upsert(List.of(needsReview(source, "A1", 2, "v1", 900_401L), ok(source, "A3", 4, "v2", 900_402L),
				ok("other.csv", "A1", 2, "v1", 900_401L),
				new ClassificationResult("survey-themes", 900_403L, source, "A4", 5, "Hi", Map.of(), Map.of(), null,
						ResultStatus.FAILED, "x", 0, "tiny.gguf", "v1", ClassificationResult.Usage.NONE)));
		Thread.sleep(5);
		this.repository.upsert(List.of(ok(source, "A1", 2, "v2", 900_404L)));

		List<StoredResult> records = new ArrayList<>();
		this.repository.forEachRecord("classify-feedback", source, "v1", records::add);

		assertThat(records).extracting(StoredResult::recordId, StoredResult::promptVersion, StoredResult::status)
			.as("current version for A1 although v2 is newer, the only results of A2 and A3, nothing of other jobs or files")
			.containsExactly(tuple("A1", "v1", ResultStatus.NEEDS_REVIEW),
					tuple("A2", "v0", ResultStatus.OK),
					tuple("A3", "v2", ResultStatus.OK));
		assertThat(records.get(1).labels())
			.isEqualTo(Map.of("sentiment", "positive", "topics", List.of("delivery", "billing")));
	}

	@Test
	void aBatchOfRecordIdsGetsEachRecordsCurrentPromptVersionElseItsNewestResultAndNothingForUnknownIds()
			throws InterruptedException {
		String source = "latest-by-record.csv";
		this.repository.upsert(List.of(ok(source, "A1", 2, "v0", 900_420L), ok(source, "A5", 6, "v0", 900_420L),
				ok(source, "A2", 3, "v1", 900_420L)));
		Thread.sleep(5);
		this.repository.upsert(List.of(needsReview(source, "A1", 2, "v1", 900_421L), needsReview(source, "A5", 6, "v2",
				900_421L), ok("other.csv", "A3", 4, "v1", 900_421L),
				new ClassificationResult("survey-themes", 900_422L, source, "A4", 5, "Hi", Map.of(), Map.of(), null,
						ResultStatus.FAILED, "x", 0, "tiny.gguf", "v1", ClassificationResult.Usage.NONE)));
		Thread.sleep(5);
		this.repository.upsert(List.of(ok(source, "A1", 2, "v2", 900_423L)));

		Map<String, StoredResult> latest = this.repository.latestByRecord("classify-feedback", source, "v1",
				List.of("A1", "A3", "A4", "A5", "A9"));

		assertThat(latest).as("not A2 (not asked for), A3 (another file), A4 (another job) or A9 (never stored)")
			.containsOnlyKeys("A1", "A5");
		assertThat(latest.get("A1")).as("the current version, although v2 is newer")
			.extracting(StoredResult::promptVersion, StoredResult::status)
			.containsExactly("v1", ResultStatus.NEEDS_REVIEW);
		assertThat(latest.get("A5")).as("no current version: the newest")
			.extracting(StoredResult::promptVersion, StoredResult::status)
			.containsExactly("v2", ResultStatus.NEEDS_REVIEW);
		assertThat(this.repository.latestByRecord("classify-feedback", source, "v1", List.of())).isEmpty();
	}

	@Test
	void theSameRecordOfTheSameSourceIsStoredOncePerJob() {
		String source = "two-jobs.csv";

		this.repository.upsert(List.of(ok(source, "A1", 2, "v1", 900_411L)));
		this.repository.upsert(List.of(new ClassificationResult("copied-job", 900_412L, source, "A1", 2, "Great box",
				Map.of(), Map.of(), null, ResultStatus.FAILED, "duplicate id", 0, "tiny.gguf", "v1",
				ClassificationResult.Usage.NONE)));

		assertThat(this.jdbc.queryForList(
				"SELECT job_name || ':' || status FROM classification_result WHERE source = ? ORDER BY job_name",
				String.class, source))
			.containsExactly("classify-feedback:ok", "copied-job:failed");
		assertThat(this.repository.hasCurrentResult("classify-feedback", source, "A1", "v1", "Great box")).isTrue();
		assertThat(this.repository.hasCurrentResult("another-job", source, "A1", "v1", "Great box"))
			.as("another job's result is not this job's").isFalse();
	}

	@Test
	void aResultIsCurrentForTheSamePromptVersionAndTextUnlessTheModelFailed() {
		String source = "current.csv";
		this.repository.upsert(List.of(ok(source, "A1", 2, "v1", 900_501L), failed(source, "line-5", 5, "v1", 900_501L),
				new ClassificationResult("classify-feedback", 900_501L, source, "A3", 6, "Great box", Map.of(), Map.of(),
						null, ResultStatus.FAILED, "model call failed: boom", 1, "tiny.gguf", "v1",
						ClassificationResult.Usage.NONE)));

		assertThat(this.repository.hasCurrentResult("classify-feedback", source, "A1", "v1", "Great box")).isTrue();
		assertThat(this.repository.hasCurrentResult("classify-feedback", source, "A1", "v1", "Great box!")).as("text changed").isFalse();
		assertThat(this.repository.hasCurrentResult("classify-feedback", source, "A1", "v2", "Great box")).as("new prompt").isFalse();
		assertThat(this.repository.hasCurrentResult("classify-feedback", source, "A9", "v1", "Great box")).as("new record").isFalse();
		assertThat(this.repository.hasCurrentResult("classify-feedback", source, "A3", "v1", "Great box")).as("model failed").isFalse();
		assertThat(this.repository.hasCurrentResult("classify-feedback", source, "line-5", "v1", "")).as("unreadable row").isTrue();
	}

	@Test
	void exportsHeaderAndRowsInSourceOrderWithListsJoinedAndNoLabelsForUnsuccessfulRows() throws IOException {
		String source = "export.csv";
		this.repository.upsert(List.of(needsReview(source, "A9", 9, "v1", 900_401L), ok(source, "A2", 2, "v1", 900_401L),
				failed(source, "line-5", 5, "v1", 900_401L), ok("another-source.csv", "C1", 1, "v1", 900_401L)));
		Path target = this.dir.resolve("out/results.csv");

		long rows = export(source, LABELS, target);

		assertThat(rows).isEqualTo(3);
		assertThat(Files.readString(target, StandardCharsets.UTF_8)).isEqualTo(String.join("\r\n",
				"record_id,source_line,status,sentiment,topics,urgency,summary,language,reason,attempts,model,prompt_version",
				"A2,2,ok,positive,delivery; billing,,,,,1,tiny.gguf,v1",
				"line-5,5,failed,,,,,,\"export.csv line 5: empty text, \"\"quoted\"\"\",0,tiny.gguf,v1",
				"A9,9,needs_review,,,,,,reply broke the rules after 2 attempts: summary: blank,2,tiny.gguf,v1", ""));
		assertThat(this.dir.resolve("out")).isDirectoryNotContaining("glob:**.part");
	}

	@Test
	void exportReplacesAnEarlierFileAndAPartFileAKilledExportLeft() throws IOException {
		String source = "export-replace.csv";
		this.repository.upsert(List.of(ok(source, "A1", 2, "v1", 900_501L)));
		Path target = this.dir.resolve("results.csv");
		Files.writeString(target, "old content that is longer than the new file will be ".repeat(20));
		Files.writeString(this.dir.resolve("results.csv.part"), "");

		export(source, List.of("sentiment"), target);

		assertThat(Files.readAllLines(target)).containsExactly(
				"record_id,source_line,status,sentiment,reason,attempts,model,prompt_version",
				"A1,2,ok,positive,,1,tiny.gguf,v1");
		assertThat(this.dir).isDirectoryNotContaining("glob:**.part");
	}

	@Test
	void pagesFilterByJobSourceStatusLabelAndTimeNewestFirst() throws InterruptedException {
		String source = "page.csv";
		this.repository.upsert(List.of(ok(source, "P1", 1, "v1", 900_601L), needsReview(source, "P2", 2, "v1", 900_601L)));
		Thread.sleep(5);
		Instant between = Instant.now();
		Thread.sleep(5);
		this.repository.upsert(List.of(ok(source, "P3", 3, "v1", 900_601L), new ClassificationResult("classify-feedback",
				900_601L, source, "P4", 4, "Meh", Map.of(), Map.of("sentiment", "negative", "topics", List.of("app")),
				"{}", ResultStatus.OK, null, 1, "tiny.gguf", "v1", ClassificationResult.Usage.NONE)));
		ResultFilter ofSource = ResultFilter.ofJob("classify-feedback").withSource(source);

		assertThat(this.repository.page(ofSource, ResultOrder.NEWEST_FIRST, 0, 10).items())
			.extracting(StoredResult::recordId)
			.containsExactly("P4", "P3", "P2", "P1");
		assertThat(this.repository.page(ofSource, ResultOrder.NEEDS_REVIEW_FIRST, 0, 10).items())
			.extracting(StoredResult::recordId)
			.containsExactly("P2", "P4", "P3", "P1");
		ResultPage second = this.repository.page(ofSource, ResultOrder.NEWEST_FIRST, 1, 3);
		assertThat(second.items()).extracting(StoredResult::recordId).containsExactly("P1");
		assertThat(second.totalItems()).isEqualTo(4);
		assertThat(ids(ofSource.withLabel(new ResultFilter.LabelFilter("topics", "billing")))).containsExactly("P3", "P1");
		assertThat(ids(ofSource.withLabel(new ResultFilter.LabelFilter("sentiment", "negative")))).containsExactly("P4");
		assertThat(ids(ofSource.withStatuses(List.of(ResultStatus.NEEDS_REVIEW)))).containsExactly("P2");
		assertThat(ids(ofSource.storedBetween(between, null))).containsExactly("P4", "P3");
		assertThat(ids(ofSource.storedBetween(null, between))).containsExactly("P2", "P1");
		assertThat(ids(ResultFilter.ofJob("survey-themes").withSource(source))).isEmpty();
	}

	@Test
	void aDecisionReplacesLabelsStatusAndReasonOfOneResult() {
		String source = "decision.csv";
		this.repository.upsert(List.of(needsReview(source, "D1", 1, "v1", 900_701L)));
		long id = this.jdbc.queryForObject("SELECT id FROM classification_result WHERE source = ?", Long.class, source);

		this.repository.updateDecision(id, Map.of("sentiment", "mixed"), ResultStatus.REVIEWED, null);

		StoredResult stored = this.repository.find(id).orElseThrow();
		assertThat(stored.status()).isEqualTo(ResultStatus.REVIEWED);
		assertThat(stored.labels()).isEqualTo(Map.of("sentiment", "mixed"));
		assertThat(stored.reason()).isNull();
		assertThat(this.repository.find(-1)).isEmpty();
	}

	private List<String> ids(ResultFilter filter) {
		List<String> ids = new ArrayList<>();
		this.repository.forEach(filter, ResultOrder.NEWEST_FIRST, result -> ids.add(result.recordId()));
		return ids;
	}

	private long export(String source, List<String> fields, Path target) {
		return ResultColumns.ofJob(fields)
			.writeFile(target, StandardCharsets.UTF_8,
					row -> this.repository.forEachRecord("classify-feedback", source, "v1", row));
	}

	@Test
	void upsertKeepsAResultAPersonDecidedOnWhileItsTextIsTheSame() {
		String source = "upsert-reviewed.csv";
		this.repository.upsert(List.of(ok(source, "A1", 2, "v1", 900_301L)));
		this.jdbc.update("UPDATE classification_result SET status = 'reviewed', labels = '{\"sentiment\": \"mixed\"}' "
				+ "WHERE source = ?", source);

		this.repository.upsert(List.of(ok(source, "A1", 2, "v1", 900_302L)));

		Map<String, Object> row = row(source, "A1", "v1");
		assertThat(row).containsEntry("status", "reviewed").containsEntry("job_instance_id", 900_301L);
		assertThat(row.get("labels")).isEqualTo("{\"sentiment\": \"mixed\"}");
	}

	@Test
	void upsertReplacesADecidedResultWhenTheTextChanged() {
		String source = "upsert-reviewed-changed.csv";
		this.repository.upsert(List.of(ok(source, "A1", 2, "v1", 900_401L)));
		this.jdbc.update("UPDATE classification_result SET status = 'reviewed', input_text = 'Old text' WHERE source = ?",
				source);

		this.repository.upsert(List.of(ok(source, "A1", 2, "v1", 900_402L)));

		assertThat(row(source, "A1", "v1")).containsEntry("status", "ok").containsEntry("job_instance_id", 900_402L);
	}

	private Map<String, Object> row(String source, String recordId, String promptVersion) {
		return this.jdbc.queryForMap("""
				SELECT job_instance_id, source_line, fields::text AS fields, labels::text AS labels, raw_output, status,
				       reason, attempts, prompt_tokens, completion_tokens, duration_ms, created_at, updated_at
				FROM classification_result WHERE source = ? AND record_id = ? AND prompt_version = ?
				""", source, recordId, promptVersion);
	}

	private static Instant timestamp(Map<String, Object> row, String column) {
		return ((Timestamp) row.get(column)).toInstant();
	}

	private static ClassificationResult ok(String source, String recordId, long line, String promptVersion,
			long jobInstanceId) {
		return new ClassificationResult("classify-feedback", jobInstanceId, source, recordId, line, "Great box",
				Map.of(), Map.of("sentiment", "positive", "topics", List.of("delivery", "billing")),
				"{\"sentiment\": \"positive\"}", ResultStatus.OK, null, 1, "tiny.gguf", promptVersion,
				new ClassificationResult.Usage(120, 30, 800));
	}

	private static ClassificationResult needsReview(String source, String recordId, long line, String promptVersion,
			long jobInstanceId) {
		return new ClassificationResult("classify-feedback", jobInstanceId, source, recordId, line, "Meh", Map.of(),
				Map.of(), "{\"summary\": \" \"}", ResultStatus.NEEDS_REVIEW,
				"reply broke the rules after 2 attempts: summary: blank", 2, "tiny.gguf", promptVersion,
				new ClassificationResult.Usage(200, 60, 1600));
	}

	private static ClassificationResult failed(String source, String recordId, long line, String promptVersion,
			long jobInstanceId) {
		return new ClassificationResult("classify-feedback", jobInstanceId, source, recordId, line, "", Map.of(),
				Map.of(), null, ResultStatus.FAILED, source + " line " + line + ": empty text, \"quoted\"", 0,
				"tiny.gguf", promptVersion, ClassificationResult.Usage.NONE);
	}

}
