package dev.sift.result;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds stored results by job, status, label and time, for the API and the dashboard: a page at a time, or every
 * match streamed as CSV. Every value is a bound parameter, label field names included.
 */
@Component
public class ResultQueries {

	private static final String COLUMNS = """
			SELECT id, job_name, job_instance_id, source, record_id, source_line, status, labels, reason, input_text,
			    raw_output, attempts, model_name, prompt_version, created_at, updated_at
			FROM classification_result
			""";

	/** Rows the database sends at a time while exporting, so an export of any size holds only these in memory. */
	private static final int EXPORT_FETCH_SIZE = 500;

	private static final TypeReference<Map<String, Object>> LABELS = new TypeReference<>() {
	};

	private final JdbcTemplate jdbc;

	private final TransactionTemplate readOnly;

	private final JsonMapper json = JsonMapper.shared();

	public ResultQueries(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.readOnly = new TransactionTemplate(transactionManager);
		this.readOnly.setReadOnly(true);
	}

	/** Results matching the filter, most recently stored first, one page of them. */
	public ResultPage page(ResultFilter filter, int page, int size) {
		Where where = where(filter);
		Long total = this.jdbc.queryForObject("SELECT count(*) FROM classification_result " + where.sql(), Long.class,
				where.arguments().toArray());
		List<Object> paged = new ArrayList<>(where.arguments());
		paged.add(size);
		paged.add((long) page * size);
		List<ResultView> items = this.jdbc.query(
				COLUMNS + where.sql() + " ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?", this::resultView,
				paged.toArray());
		return new ResultPage(items, page, size, total == null ? 0 : total);
	}

	/**
	 * Writes every result matching the filter as CSV, oldest first, row by row as the database sends them.
	 * @param labelNames one column each, lists joined with "; "; when empty, one {@code labels} column of JSON
	 * @return the number of rows written
	 */
	public long writeCsv(ResultFilter filter, List<String> labelNames, Writer writer) {
		Where where = where(filter);
		List<String> header = new ArrayList<>(
				List.of("id", "job_name", "job_instance_id", "source", "record_id", "source_line", "status"));
		header.addAll(labelNames.isEmpty() ? List.of("labels") : labelNames);
		header.addAll(List.of("reason", "attempts", "model", "prompt_version", "updated_at"));
		try {
			CSVPrinter csv = new CSVPrinter(writer,
					CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get());
			long[] rows = { 0 };
			// PostgreSQL fetches in batches only inside a transaction; otherwise it sends every row at once.
			this.readOnly.executeWithoutResult(transaction -> this.jdbc.query(connection -> {
				var statement = connection.prepareStatement(COLUMNS + where.sql() + " ORDER BY id");
				statement.setFetchSize(EXPORT_FETCH_SIZE);
				for (int i = 0; i < where.arguments().size(); i++) {
					statement.setObject(i + 1, where.arguments().get(i));
				}
				return statement;
			}, row -> {
				ResultView result = resultView(row, 0);
				List<Object> values = new ArrayList<>(List.of(result.id(), result.job(),
						Objects.toString(result.jobInstanceId(), ""), result.source(), result.recordId(),
						Objects.toString(result.sourceLine(), ""), result.status()));
				if (labelNames.isEmpty()) {
					values.add(result.labels().isEmpty() ? "" : this.json.writeValueAsString(result.labels()));
				}
				else {
					labelNames.forEach(name -> values.add(ResultRepository.textValue(result.labels().get(name))));
				}
				values.addAll(List.of(Objects.toString(result.reason(), ""), result.attempts(),
						Objects.toString(result.model(), ""), result.promptVersion(), result.updatedAt()));
				print(csv, values);
				rows[0]++;
			}));
			csv.flush();
			return rows[0];
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the results CSV", ex);
		}
	}

	private static void print(CSVPrinter csv, List<Object> values) {
		try {
			csv.printRecord(values);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Where where(ResultFilter filter) {
		List<String> conditions = new ArrayList<>();
		List<Object> arguments = new ArrayList<>();
		if (filter.job() != null) {
			conditions.add("job_name = ?");
			arguments.add(filter.job());
		}
		if (filter.jobInstanceId() != null) {
			conditions.add("job_instance_id = ?");
			arguments.add(filter.jobInstanceId());
		}
		if (filter.status() != null) {
			conditions.add("status = ?");
			arguments.add(filter.status().code());
		}
		if (filter.label() != null) {
			// A list contains the value as one of its items, a single label is it; numbers and booleans match as text.
			conditions.add("((labels -> ?) @> to_jsonb(?::text) OR labels ->> ? = ?)");
			arguments.addAll(List.of(filter.label().field(), filter.label().value(), filter.label().field(),
					filter.label().value()));
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

	private ResultView resultView(ResultSet row, int rowNumber) throws SQLException {
		Map<String, Object> labels = row.getString(8) == null ? Map.of()
				: this.json.readValue(row.getString(8), LABELS);
		return new ResultView(row.getLong(1), row.getString(2), (Long) row.getObject(3), row.getString(4),
				row.getString(5), (Long) row.getObject(6), row.getString(7), labels, row.getString(9),
				row.getString(10), row.getString(11), row.getInt(12), row.getString(13), row.getString(14),
				row.getTimestamp(15).toInstant(), row.getTimestamp(16).toInstant());
	}

	private record Where(String sql, List<Object> arguments) {
	}

	/**
	 * Which results to find; {@code null} means any.
	 *
	 * @param from results stored (last) at or after this instant
	 * @param to results stored (last) before this instant
	 * @param jobInstanceId results stored by this run (job instance)
	 */
	public record ResultFilter(String job, ResultStatus status, LabelFilter label, Instant from, Instant to,
			Long jobInstanceId) {

		/** Results of one run with one status. */
		public static ResultFilter ofRun(long jobInstanceId, ResultStatus status) {
			return new ResultFilter(null, status, null, null, null, jobInstanceId);
		}

	}

	/** Results whose label field has this value, or holds it among its values. */
	public record LabelFilter(String field, String value) {

		public LabelFilter {
			Objects.requireNonNull(field, "field");
			Objects.requireNonNull(value, "value");
		}

	}

	/** One page of results, and how many match in all. */
	public record ResultPage(List<ResultView> items, int page, int size, long totalItems) {

		public ResultPage {
			items = List.copyOf(items);
		}

	}

	/**
	 * A stored result.
	 *
	 * @param jobInstanceId the run's job instance that stored it last
	 * @param labels the reply's values by field; empty when there is no valid reply
	 */
	public record ResultView(long id, String job, Long jobInstanceId, String source, String recordId,
			Long sourceLine, String status, Map<String, Object> labels, String reason, String inputText,
			String rawOutput, int attempts, String model, String promptVersion, Instant createdAt,
			Instant updatedAt) {
	}

}
