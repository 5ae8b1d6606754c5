package dev.sift.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import dev.sift.result.ResultStatus;

/**
 * The results table as the review pages read and change it. Pages are read with LIMIT and OFFSET in the order of
 * the review queue index; every value goes in as a parameter.
 */
@Repository
class ReviewResults {

	private static final String COLUMNS = """
			id, job_name, source, record_id, input_text, fields::text AS fields, labels::text AS labels, raw_output,
			status, reason, created_at""";

	private static final TypeReference<Map<String, Object>> LABELS = new TypeReference<>() {
	};

	private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {
	};

	private final JdbcTemplate jdbc;

	private final JsonMapper json = JsonMapper.shared();

	ReviewResults(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	ItemsPage page(ResultQuery query, int page, int size) {
		if (query.jobs().isEmpty()) {
			return new ItemsPage(List.of(), 1, size, 0);
		}
		List<Object> arguments = new ArrayList<>();
		String where = where(query, arguments);
		Long total = this.jdbc.queryForObject("SELECT count(*) FROM classification_result WHERE " + where, Long.class,
				arguments.toArray());
		int last = (int) Math.max(1, (total + size - 1) / size);
		int current = Math.min(Math.max(page, 1), last);
		arguments.add(size);
		arguments.add((long) (current - 1) * size);
		List<ReviewItem> items = this.jdbc.query("SELECT " + COLUMNS + " FROM classification_result WHERE " + where
				+ " ORDER BY (status <> 'needs_review'), created_at DESC, id DESC LIMIT ? OFFSET ?", this::item,
				arguments.toArray());
		return new ItemsPage(items, current, size, total);
	}

	/** The result, locked until the transaction ends so two reviewers cannot interleave their changes. */
	Optional<ReviewItem> lock(long id) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM classification_result WHERE id = ? FOR UPDATE", this::item,
				id).stream().findFirst();
	}

	/** The job a result belongs to. */
	String jobOf(long id) {
		return this.jdbc.queryForList("SELECT job_name FROM classification_result WHERE id = ?", String.class, id)
			.stream()
			.findFirst()
			.orElseThrow(() -> new InvalidReviewException("There is no result " + id));
	}

	void update(long id, Map<String, Object> labels, ResultStatus status, String reason) {
		this.jdbc.update("""
				UPDATE classification_result SET labels = ?::jsonb, status = ?, reason = ?, updated_at = now()
				WHERE id = ?""", labels.isEmpty() ? null : this.json.writeValueAsString(labels), status.code(), reason,
				id);
	}

	/** Hands each result of a job in one status to {@code action}, in record order, one row at a time. */
	void forEach(String job, ResultStatus status, Consumer<ReviewItem> action) {
		this.jdbc.query("SELECT " + COLUMNS + " FROM classification_result WHERE job_name = ? AND status = ? "
				+ "ORDER BY record_id, id", row -> {
					action.accept(item(row, 0));
				}, job, status.code());
	}

	/** How many results of a job are in each status. */
	Map<ResultStatus, Long> countByStatus(String job) {
		Map<ResultStatus, Long> counts = new EnumMap<>(ResultStatus.class);
		this.jdbc.query("SELECT status, count(*) FROM classification_result WHERE job_name = ? GROUP BY status",
				row -> {
					counts.put(ResultStatus.ofCode(row.getString(1)), row.getLong(2));
				}, job);
		return counts;
	}

	/**
	 * How often each value of a field was given per day (UTC), over results whose labels count: valid ones and
	 * reviewed ones. A list field counts each of its values.
	 */
	List<DayCount> countsPerDay(String job, String field) {
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

	private static String where(ResultQuery query, List<Object> arguments) {
		StringBuilder where = new StringBuilder("job_name IN (")
			.append(String.join(", ", Collections.nCopies(query.jobs().size(), "?")))
			.append(") AND status IN (")
			.append(String.join(", ", Collections.nCopies(query.statuses().size(), "?")))
			.append(")");
		arguments.addAll(query.jobs());
		query.statuses().forEach(status -> arguments.add(status.code()));
		if (query.source() != null) {
			where.append(" AND source = ?");
			arguments.add(query.source());
		}
		if (query.label() != null) {
			JsonMapper json = JsonMapper.shared();
			where.append(" AND (labels @> ?::jsonb OR labels @> ?::jsonb)");
			arguments.add(json.writeValueAsString(Map.of(query.labelField(), query.labelValue())));
			arguments.add(json.writeValueAsString(Map.of(query.labelField(), List.of(query.labelValue()))));
		}
		if (query.from() != null) {
			where.append(" AND created_at >= ?");
			arguments.add(Timestamp.from(query.from().atStartOfDay(ZoneOffset.UTC).toInstant()));
		}
		if (query.to() != null) {
			where.append(" AND created_at < ?");
			arguments.add(Timestamp.from(query.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
		}
		return where.toString();
	}

	private ReviewItem item(ResultSet row, int number) throws SQLException {
		String labels = row.getString("labels");
		return new ReviewItem(row.getLong("id"), row.getString("job_name"), row.getString("source"),
				row.getString("record_id"), row.getString("input_text"),
				this.json.readValue(row.getString("fields"), FIELDS),
				labels == null ? Map.of() : this.json.readValue(labels, LABELS), row.getString("raw_output"),
				ResultStatus.ofCode(row.getString("status")), row.getString("reason"),
				row.getTimestamp("created_at").toInstant());
	}

	/** How many results gave a value on one day. */
	record DayCount(LocalDate day, String value, long count) {
	}

}
