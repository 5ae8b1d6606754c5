package dev.sift.result;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Stores and reads classification results in PostgreSQL. */
@Repository
public class ResultRepository {

	private static final String UPSERT = """
			INSERT INTO classification_result (job_name, job_instance_id, source, record_id, source_line, input_text,
			    fields, labels, raw_output, status, reason, attempts, model_name, prompt_version, prompt_tokens,
			    completion_tokens, duration_ms)
			VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (source, record_id, prompt_version) DO UPDATE SET
			    job_name = EXCLUDED.job_name, job_instance_id = EXCLUDED.job_instance_id,
			    source_line = EXCLUDED.source_line, input_text = EXCLUDED.input_text, fields = EXCLUDED.fields,
			    labels = EXCLUDED.labels, raw_output = EXCLUDED.raw_output, status = EXCLUDED.status,
			    reason = EXCLUDED.reason, attempts = EXCLUDED.attempts, model_name = EXCLUDED.model_name,
			    prompt_tokens = EXCLUDED.prompt_tokens, completion_tokens = EXCLUDED.completion_tokens,
			    duration_ms = EXCLUDED.duration_ms, updated_at = now()
			WHERE classification_result.status NOT IN ('reviewed', 'approved', 'rejected')
			    OR classification_result.input_text IS DISTINCT FROM EXCLUDED.input_text
			""";

	private static final TypeReference<Map<String, Object>> LABELS = new TypeReference<>() {
	};

	private final JdbcTemplate jdbc;

	private final JsonMapper json = JsonMapper.shared();

	public ResultRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Inserts results, or updates the row of the same source, record and prompt version: never a duplicate. A row a
	 * person has decided on (reviewed, approved, rejected) is kept, even by a reprocessing run, unless its text
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
		});
	}

	/** Model time of each result of a source, in milliseconds. */
	public List<Long> durationsMillis(String source) {
		return this.jdbc.queryForList("SELECT duration_ms FROM classification_result WHERE source = ?", Long.class,
				source);
	}

	/**
	 * The status and labels of each record of a source that a run stored, by record id. Restricting to the run keeps
	 * out the results other prompt versions (other models or prompts) stored for the same file.
	 */
	public Map<String, RecordLabels> labelsBySource(String source, String promptVersion) {
		Map<String, RecordLabels> labels = new HashMap<>();
		this.jdbc.query("""
				SELECT record_id, status, labels FROM classification_result WHERE source = ? AND prompt_version = ?
				""", row -> {
			Map<String, Object> values = row.getString(3) == null ? Map.of()
					: this.json.readValue(row.getString(3), LABELS);
			labels.put(row.getString(1), new RecordLabels(ResultStatus.ofCode(row.getString(2)), values));
		}, source, promptVersion);
		return labels;
	}

	/**
	 * Hands the labels of every {@code ok} result of a source and prompt version to {@code action}, one row at a time,
	 * so even a very large source is never held in memory.
	 */
	public void forEachOkResult(String source, String promptVersion, BiConsumer<String, Map<String, Object>> action) {
		this.jdbc.query("""
				SELECT record_id, labels FROM classification_result
				WHERE source = ? AND prompt_version = ? AND status = 'ok' ORDER BY record_id
				""", row -> {
			action.accept(row.getString(1), this.json.readValue(row.getString(2), LABELS));
		}, source, promptVersion);
	}

	/**
	 * Whether a record already has a result for this prompt version from the same text, so a run can leave it alone.
	 * A failure after reaching the model (attempts > 0) may have been passing and is not current; a row that could
	 * not be read (attempts 0) fails the same way every time and is.
	 */
	public boolean hasCurrentResult(String source, String recordId, String promptVersion, String inputText) {
		Boolean current = this.jdbc.query("""
				SELECT input_text IS NOT DISTINCT FROM ? AND NOT (status = 'failed' AND attempts > 0)
				FROM classification_result WHERE source = ? AND record_id = ? AND prompt_version = ?
				""", row -> row.next() ? row.getBoolean(1) : false, inputText, source, recordId, promptVersion);
		return Boolean.TRUE.equals(current);
	}

	public StatusCounts countByStatus(long jobInstanceId) {
		Map<String, Long> counts = new HashMap<>();
		this.jdbc.query("SELECT status, count(*) FROM classification_result WHERE job_instance_id = ? GROUP BY status",
				row -> {
					counts.put(row.getString(1), row.getLong(2));
				}, jobInstanceId);
		return new StatusCounts(counts.getOrDefault(ResultStatus.OK.code(), 0L),
				counts.getOrDefault(ResultStatus.DRAFT.code(), 0L),
				counts.getOrDefault(ResultStatus.NEEDS_REVIEW.code(), 0L),
				counts.getOrDefault(ResultStatus.FAILED.code(), 0L),
				counts.getOrDefault(ResultStatus.REVIEWED.code(), 0L) + counts.getOrDefault(ResultStatus.APPROVED.code(), 0L)
						+ counts.getOrDefault(ResultStatus.REJECTED.code(), 0L));
	}

	/**
	 * Writes the results of one source and prompt version to a CSV file, in source order, one column per label. The
	 * file is written beside the target and moved into place, so readers never see half a file.
	 * @return the number of rows written
	 */
	public long exportCsv(String source, String promptVersion, List<String> labelNames, Path target) {
		try {
			Path directory = target.toAbsolutePath().getParent();
			Files.createDirectories(directory);
			Path partial = Files.createTempFile(directory, target.getFileName().toString(), ".part");
			try {
				long rows;
				try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
						CSVPrinter csv = new CSVPrinter(writer,
								CSVFormat.RFC4180.builder().setHeader(header(labelNames)).get())) {
					rows = writeRows(csv, source, promptVersion, labelNames);
				}
				Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
				return rows;
			}
			finally {
				Files.deleteIfExists(partial);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write results to " + target, ex);
		}
	}

	private static String[] header(List<String> labelNames) {
		List<String> header = new ArrayList<>(List.of("record_id", "source_line", "status"));
		header.addAll(labelNames);
		header.addAll(List.of("reason", "attempts", "model", "prompt_version"));
		return header.toArray(String[]::new);
	}

	private long writeRows(CSVPrinter csv, String source, String promptVersion, List<String> labelNames) {
		long[] rows = { 0 };
		this.jdbc.query("""
				SELECT record_id, source_line, status, labels, reason, attempts, model_name, prompt_version
				FROM classification_result WHERE source = ? AND prompt_version = ? ORDER BY source_line, record_id
				""", row -> {
			List<Object> values = new ArrayList<>(List.of(row.getString(1), row.getLong(2), row.getString(3)));
			JsonNode labels = row.getString(4) == null ? null : this.json.readTree(row.getString(4));
			for (String name : labelNames) {
				values.add(labels == null ? "" : csvValue(labels.get(name)));
			}
			values.add(row.getString(5) == null ? "" : row.getString(5));
			values.add(row.getInt(6));
			values.add(row.getString(7));
			values.add(row.getString(8));
			try {
				csv.printRecord(values);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			rows[0]++;
		}, source, promptVersion);
		return rows[0];
	}

	/** A label as one text value: lists joined with "; ", so multi-label values fit one CSV cell or column. */
	public static String textValue(Object value) {
		return csvValue(JsonMapper.shared().valueToTree(value));
	}

	private static String csvValue(JsonNode value) {
		if (value == null || value.isNull()) {
			return "";
		}
		if (value.isArray()) {
			List<String> items = new ArrayList<>();
			value.forEach(item -> items.add(item.asString()));
			return String.join("; ", items);
		}
		return value.asString();
	}

}
