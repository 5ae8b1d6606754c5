package dev.sift.result;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The results table: the one place that writes, reads, filters and counts stored results, for the jobs, the API and
 * the review pages. A result belongs to its job: the same record of the same source is stored once per job and prompt
 * version. Every value goes in as a bound parameter, label field names included.
 */
@Repository
public class ResultStore {

	private static final String UPSERT = """
			INSERT INTO classification_result (job_name, job_instance_id, source, record_id, source_line, input_text,
			    fields, labels, raw_output, status, reason, attempts, model_name, prompt_version, prompt_tokens,
			    completion_tokens, duration_ms, text_handling, example_ids)
			VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (job_name, source, record_id, prompt_version) DO UPDATE SET
			    job_instance_id = EXCLUDED.job_instance_id, source_line = EXCLUDED.source_line,
			    input_text = EXCLUDED.input_text, fields = EXCLUDED.fields, labels = EXCLUDED.labels,
			    raw_output = EXCLUDED.raw_output, status = EXCLUDED.status, reason = EXCLUDED.reason,
			    attempts = EXCLUDED.attempts, model_name = EXCLUDED.model_name,
			    prompt_tokens = EXCLUDED.prompt_tokens, completion_tokens = EXCLUDED.completion_tokens,
			    duration_ms = EXCLUDED.duration_ms, text_handling = EXCLUDED.text_handling,
			    example_ids = EXCLUDED.example_ids, updated_at = now()
			WHERE classification_result.status NOT IN ('reviewed', 'approved', 'rejected')
			    OR classification_result.input_text IS DISTINCT FROM EXCLUDED.input_text
			""";

	private static final String COLUMNS = """
			SELECT id, job_name, job_instance_id, source, record_id, source_line, input_text, fields::text AS fields,
			    labels::text AS labels, raw_output, status, reason, attempts, model_name, prompt_version, created_at,
			    updated_at, text_handling, example_ids
			FROM classification_result
			""";

	/** Rows the database sends at a time while streaming, so reading any number of results holds only these. */
	private static final int FETCH_SIZE = 500;

	private static final TypeReference<Map<String, Object>> LABELS = new TypeReference<>() {
	};

	private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {
	};

	private final JdbcTemplate jdbc;

	private final TransactionTemplate readOnly;

	private final JsonMapper json = JsonMapper.shared();

	public ResultStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.readOnly = new TransactionTemplate(transactionManager);
		this.readOnly.setReadOnly(true);
	}

	/**
	 * Inserts results, or updates the row of the same job, source, record and prompt version: never a duplicate. A
	 * row a person has decided on (reviewed, approved, rejected) is kept, even by a reprocessing run, unless its text
	 * changed: the decision was about the old text.
	 */
	public void upsert(List<? extends ClassificationResult> results) {
		this.jdbc.batchUpdate(UPSERT, results, results.size(), (statement, result) -> {
			statement.setString(1, result.jobName());
			statement.setObject(2, result.jobInstanceId());
			statement.setString(3, result.source());
			statement.setString(4, result.recordId());
			statement.setLong(5, result.sourceLine());
			statement.setString(6, result.inputText());
			statement.setString(7, this.json.writeValueAsString(result.fields()));
			statement.setString(8, result.labels().isEmpty() ? null : this.json.writeValueAsString(result.labels()));
			statement.setString(9, result.rawOutput());
			statement.setString(10, result.status().code());
			statement.setString(11, result.reason());
			statement.setInt(12, result.attempts());
			statement.setString(13, result.modelName());
			statement.setString(14, result.promptVersion());
			statement.setInt(15, result.usage().promptTokens());
			statement.setInt(16, result.usage().completionTokens());
			statement.setLong(17, result.usage().durationMillis());
			statement.setString(18, result.textHandling());
			if (result.exampleIds().isEmpty()) {
				statement.setNull(19, Types.ARRAY);
			}
			else {
				statement.setArray(19, statement.getConnection().createArrayOf("bigint", result.exampleIds().toArray()));
			}
		});
	}

	/** Records a person decided on: new labels (maybe unchanged), status and reason. */
	public void updateDecision(long id, Map<String, Object> labels, ResultStatus status, String reason) {
		this.jdbc.update("""
				UPDATE classification_result SET labels = ?::jsonb, status = ?, reason = ?, updated_at = now()
				WHERE id = ?""", labels.isEmpty() ? null : this.json.writeValueAsString(labels), status.code(), reason,
				id);
	}

	/**
	 * Whether a record already has a result of this job and prompt version from the same text, so a run can leave it
	 * alone. A failure after reaching the model (attempts > 0) may have been passing and is not current; a row that
	 * could not be read (attempts 0) fails the same way every time and is.
	 */
	public boolean hasCurrentResult(String job, String source, String recordId, String promptVersion,
			String inputText) {
		Boolean current = this.jdbc.query("""
				SELECT input_text IS NOT DISTINCT FROM ? AND NOT (status = 'failed' AND attempts > 0)
				FROM classification_result WHERE job_name = ? AND source = ? AND record_id = ? AND prompt_version = ?
				""", row -> row.next() ? row.getBoolean(1) : false, inputText, job, source, recordId, promptVersion);
		return Boolean.TRUE.equals(current);
	}

	public Optional<StoredResult> find(long id) {
		return this.jdbc.query(COLUMNS + "WHERE id = ?", this::storedResult, id).stream().findFirst();
	}

	/** The result, locked until the transaction ends, so two reviewers cannot interleave their changes. */
	public Optional<StoredResult> lock(long id) {
		return this.jdbc.query(COLUMNS + "WHERE id = ? FOR UPDATE", this::storedResult, id).stream().findFirst();
	}

	/** The results matching the filter in this order, one page of them (pages count from 0). */
	public ResultPage page(ResultFilter filter, ResultOrder order, int page, int size) {
		Where where = Where.of(filter, this.json);
		Long total = this.jdbc.queryForObject("SELECT count(*) FROM classification_result " + where.sql(),
				Long.class, where.arguments().toArray());
		List<Object> paged = new ArrayList<>(where.arguments());
		paged.add(size);
		paged.add((long) page * size);
		List<StoredResult> items = this.jdbc.query(
				COLUMNS + where.sql() + " ORDER BY " + order.sql() + " LIMIT ? OFFSET ?", this::storedResult,
				paged.toArray());
		return new ResultPage(items, page, size, total == null ? 0 : total);
	}

	/** Hands every result matching the filter to {@code action} in this order, as the database sends them. */
	public void forEach(ResultFilter filter, ResultOrder order, Consumer<StoredResult> action) {
		Where where = Where.of(filter, this.json);
		stream(COLUMNS + where.sql() + " ORDER BY " + order.sql(), where.arguments(), action);
	}

	/**
	 * Hands the result of every record of a job's source to {@code action}, in source order: the one of the current
	 * prompt version where there is one, else the most recently stored. So an export holds every record the job has
	 * stored for the source, also those the last run did not reach (a {@code limit}) or that changed prompt since.
	 */
	public void forEachRecord(String job, String source, String currentPromptVersion, Consumer<StoredResult> action) {
		stream("SELECT * FROM (" + latest("", "") + ") latest ORDER BY source_line, record_id",
				List.of(job, source, currentPromptVersion), action);
	}

	/**
	 * The result of each of these records of a job's source, chosen as {@link #forEachRecord} does, by record id; a
	 * record without a stored result is not in the map. One query: give a batch of ids (hundreds), not a whole
	 * source.
	 */
	public Map<String, StoredResult> latestByRecord(String job, String source, String currentPromptVersion,
			Collection<String> recordIds) {
		if (recordIds.isEmpty()) {
			return Map.of();
		}
		Map<String, StoredResult> latest = new HashMap<>();
		this.jdbc.query(connection -> {
			PreparedStatement statement = connection.prepareStatement(latest("AND record_id = ANY(?)", ""));
			statement.setString(1, job);
			statement.setString(2, source);
			statement.setArray(3, connection.createArrayOf("text", recordIds.toArray()));
			statement.setString(4, currentPromptVersion);
			return statement;
		}, row -> {
			StoredResult result = storedResult(row, 0);
			latest.put(result.recordId(), result);
		});
		return latest;
	}

	/**
	 * The results of up to {@code limit} records of a job's source whose ids follow {@code afterRecordId}, chosen as
	 * {@link #forEachRecord} does, in record id order: pages to go through a source while writing elsewhere.
	 * @param afterRecordId the last record id of the previous page, or {@code ""} for the first page
	 */
	public List<StoredResult> latestAfter(String job, String source, String currentPromptVersion, String afterRecordId,
			int limit) {
		return this.jdbc.query(latest("AND record_id > ?", "LIMIT ?"), this::storedResult, job, source, afterRecordId,
				currentPromptVersion, limit);
	}

	/** The sources a job has results of, in no order. */
	public List<String> sources(String job) {
		return this.jdbc.queryForList("SELECT DISTINCT source FROM classification_result WHERE job_name = ?",
				String.class, job);
	}

	/**
	 * One result per record of a job's source: the current prompt version's, else the most recently stored.
	 * @param condition more of the WHERE clause, taking one argument between the source and the prompt version
	 */
	private static String latest(String condition, String limit) {
		return """
				SELECT DISTINCT ON (record_id) id, job_name, job_instance_id, source, record_id, source_line,
				    input_text, fields::text AS fields, labels::text AS labels, raw_output, status, reason, attempts,
				    model_name, prompt_version, created_at, updated_at, text_handling, example_ids
				FROM classification_result WHERE job_name = ? AND source = ? %s
				ORDER BY record_id, (prompt_version = ?) DESC, updated_at DESC, id DESC %s
				""".formatted(condition, limit);
	}

	/** How many results matching the filter are in each status. */
	public StatusCounts countByStatus(ResultFilter filter) {
		Where where = Where.of(filter, this.json);
		Map<ResultStatus, Long> counts = new EnumMap<>(ResultStatus.class);
		this.jdbc.query("SELECT status, count(*) FROM classification_result " + where.sql() + " GROUP BY status",
				row -> {
					counts.put(ResultStatus.ofCode(row.getString(1)), row.getLong(2));
				}, where.arguments().toArray());
		return new StatusCounts(counts);
	}

	/**
	 * How often each value of a field was given per day (UTC), over results whose labels count: valid ones and
	 * reviewed ones. A list field counts each of its values.
	 */
	public List<DayCount> countsPerDay(String job, String field) {
		return this.jdbc.query("""
				SELECT (r.created_at AT TIME ZONE 'UTC')::date AS day, v.value, count(*) AS n
				FROM classification_result r,
				     jsonb_array_elements_text(CASE WHEN jsonb_typeof(r.labels -> ?) = 'array' THEN r.labels -> ?
				         ELSE jsonb_build_array(r.labels -> ?) END) AS v(value)
				WHERE r.job_name = ? AND r.status IN ('ok', 'reviewed') AND r.labels -> ? IS NOT NULL
				GROUP BY 1, 2 ORDER BY 1, 2""",
				(row, number) -> new DayCount(row.getObject(1, LocalDate.class), row.getString(2), row.getLong(3)),
				field, field, field, job, field);
	}

	/** Model time of each result a job stored for a source, in milliseconds. */
	public List<Long> durationsMillis(String job, String source) {
		return this.jdbc.queryForList("SELECT duration_ms FROM classification_result WHERE job_name = ? AND source = ?",
				Long.class, job, source);
	}

	/** PostgreSQL sends rows in batches only inside a transaction; otherwise it sends every row at once. */
	private void stream(String sql, List<Object> arguments, Consumer<StoredResult> action) {
		this.readOnly.executeWithoutResult(transaction -> this.jdbc.query(connection -> {
			PreparedStatement statement = connection.prepareStatement(sql);
			statement.setFetchSize(FETCH_SIZE);
			for (int i = 0; i < arguments.size(); i++) {
				statement.setObject(i + 1, arguments.get(i));
			}
			return statement;
		}, row -> {
			action.accept(storedResult(row, 0));
		}));
	}

	private StoredResult storedResult(ResultSet row, int rowNumber) throws SQLException {
		String labels = row.getString("labels");
		String fields = row.getString("fields");
		return new StoredResult(row.getLong("id"), row.getString("job_name"), (Long) row.getObject("job_instance_id"),
				row.getString("source"), row.getString("record_id"), (Long) row.getObject("source_line"),
				row.getString("input_text"), fields == null ? Map.of() : this.json.readValue(fields, FIELDS),
				labels == null ? Map.of() : this.json.readValue(labels, LABELS), row.getString("raw_output"),
				ResultStatus.ofCode(row.getString("status")), row.getString("reason"), row.getInt("attempts"),
				row.getString("model_name"), row.getString("prompt_version"),
				row.getTimestamp("created_at").toInstant(), row.getTimestamp("updated_at").toInstant(),
				row.getString("text_handling"), exampleIds(row.getArray("example_ids")));
	}

	private static List<Long> exampleIds(Array array) throws SQLException {
		if (array == null) {
			return List.of();
		}
		List<Long> ids = new ArrayList<>();
		for (Object id : (Object[]) array.getArray()) {
			ids.add(((Number) id).longValue());
		}
		return ids;
	}

	/** How many results gave a value on one day. */
	public record DayCount(LocalDate day, String value, long count) {
	}

	/** The WHERE clause of a filter and its arguments, in order. */
	private record Where(String sql, List<Object> arguments) {

		static Where of(ResultFilter filter, JsonMapper json) {
			List<String> conditions = new ArrayList<>();
			List<Object> arguments = new ArrayList<>();
			if (!filter.jobs().isEmpty()) {
				conditions.add("job_name IN (" + placeholders(filter.jobs().size()) + ")");
				arguments.addAll(filter.jobs());
			}
			if (filter.jobInstanceId() != null) {
				conditions.add("job_instance_id = ?");
				arguments.add(filter.jobInstanceId());
			}
			if (filter.source() != null) {
				conditions.add("source = ?");
				arguments.add(filter.source());
			}
			if (!filter.statuses().isEmpty()) {
				conditions.add("status IN (" + placeholders(filter.statuses().size()) + ")");
				filter.statuses().forEach(status -> arguments.add(status.code()));
			}
			if (filter.label() != null) {
				// A single label is the value, a list holds it; both forms are containment, which the labels index serves.
				conditions.add("(labels @> ?::jsonb OR labels @> ?::jsonb)");
				arguments.add(json.writeValueAsString(Map.of(filter.label().field(), filter.label().value())));
				arguments.add(json.writeValueAsString(Map.of(filter.label().field(), List.of(filter.label().value()))));
			}
			if (filter.from() != null) {
				conditions.add("updated_at >= ?");
				arguments.add(Timestamp.from(filter.from()));
			}
			if (filter.to() != null) {
				conditions.add("updated_at < ?");
				arguments.add(Timestamp.from(filter.to()));
			}
			return new Where(conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions), arguments);
		}

		private static String placeholders(int count) {
			return String.join(", ", Collections.nCopies(count, "?"));
		}

	}

}
