package dev.sift.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.BatchStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.sift.job.Progress;

/**
 * Runs as the API and the dashboard show them: what ran, how far it got and how its records ended. One statement
 * reads a whole page: Spring Batch's executions and parameters, the counts Sift keeps per execution in
 * {@code run_progress}, and the results' statuses now; every value is a bound parameter.
 */
@Component
public class RunViews {

	private static final String SELECT_RUNS = """
			SELECT e.job_execution_id, e.job_instance_id, i.job_name, e.status, e.exit_code, e.exit_message,
			    e.create_time, e.start_time, e.end_time, p.records_total, p.read_before, p.read_count AS read_now,
			    p.started_at, s.read, s.written, s.unchanged, s.skipped, c.ok, c.draft, c.needs_review, c.failed,
			    c.decided, x.parameters, t.executions, t.elapsed_ms, count(*) OVER () AS matching
			FROM batch_job_execution e
			JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
			LEFT JOIN run_progress p ON p.job_execution_id = e.job_execution_id
			-- A restart goes on counting: the executions of the run's job instance up to this one.
			LEFT JOIN LATERAL (
			    SELECT coalesce(sum(q.read_count), 0) AS read, coalesce(sum(q.write_count), 0) AS written,
			        coalesce(sum(q.filter_count), 0) AS unchanged, coalesce(sum(q.skip_count), 0) AS skipped
			    FROM run_progress q
			    WHERE q.job_instance_id = e.job_instance_id AND q.job_execution_id <= e.job_execution_id
			) s ON true
			LEFT JOIN LATERAL (
			    SELECT count(*) AS executions, coalesce(sum(extract(epoch FROM f.end_time - f.start_time) * 1000)
			        FILTER (WHERE f.end_time IS NOT NULL), 0)::bigint AS elapsed_ms
			    FROM batch_job_execution f
			    WHERE f.job_instance_id = e.job_instance_id AND f.job_execution_id <= e.job_execution_id
			) t ON true
			LEFT JOIN LATERAL (
			    SELECT count(*) FILTER (WHERE r.status = 'ok') AS ok, count(*) FILTER (WHERE r.status = 'draft') AS draft,
			        count(*) FILTER (WHERE r.status = 'needs_review') AS needs_review,
			        count(*) FILTER (WHERE r.status = 'failed') AS failed,
			        count(*) FILTER (WHERE r.status IN ('reviewed', 'approved', 'rejected')) AS decided
			    FROM classification_result r WHERE r.job_instance_id = e.job_instance_id
			) c ON true
			LEFT JOIN LATERAL (
			    SELECT json_object_agg(a.parameter_name, a.parameter_value ORDER BY a.parameter_name)::text AS parameters
			    FROM batch_job_execution_params a WHERE a.job_execution_id = e.job_execution_id
			) x ON true
			""";

	private static final TypeReference<Map<String, String>> PARAMETERS = new TypeReference<>() {
	};

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.shared();

	public RunViews(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** @throws RunNotFoundException when there is no run with this id */
	public RunView find(long executionId) {
		List<RunView> runs = this.jdbc.query(SELECT_RUNS + "WHERE e.job_execution_id = ?", this::runView,
				executionId);
		if (runs.isEmpty()) {
			throw new RunNotFoundException(executionId);
		}
		return runs.get(0);
	}

	/** Runs matching the filter, newest first, one page of them. */
	public RunPage list(RunFilter filter, int page, int size) {
		List<String> conditions = new ArrayList<>();
		List<Object> arguments = new ArrayList<>();
		if (filter.job() != null) {
			conditions.add("i.job_name = ?");
			arguments.add(filter.job());
		}
		if (filter.status() != null) {
			conditions.add("e.status = ?");
			arguments.add(filter.status().name());
		}
		// Spring Batch stores local times of this JVM's zone, and so does a Timestamp bound here.
		if (filter.from() != null) {
			conditions.add("e.create_time >= ?");
			arguments.add(Timestamp.from(filter.from()));
		}
		if (filter.to() != null) {
			conditions.add("e.create_time < ?");
			arguments.add(Timestamp.from(filter.to()));
		}
		String where = conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions) + "\n";
		List<Object> paged = new ArrayList<>(arguments);
		paged.add(size);
		paged.add((long) page * size);
		List<Long> matching = new ArrayList<>();
		List<RunView> runs = this.jdbc.query(SELECT_RUNS + where + "ORDER BY e.job_execution_id DESC LIMIT ? OFFSET ?",
				(row, number) -> {
					matching.add(row.getLong("matching"));
					return runView(row, number);
				}, paged.toArray());
		long total = matching.isEmpty() ? countPastTheEnd(page, where, arguments) : matching.get(0);
		return new RunPage(runs, page, size, total);
	}

	/** A page past the last one has no row to carry the count. */
	private long countPastTheEnd(int page, String where, List<Object> arguments) {
		if (page == 0) {
			return 0;
		}
		Long count = this.jdbc.queryForObject("""
				SELECT count(*) FROM batch_job_execution e
				JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
				""" + where, Long.class, arguments.toArray());
		return count == null ? 0 : count;
	}

	private RunView runView(ResultSet row, int rowNumber) throws SQLException {
		BatchStatus status = BatchStatus.valueOf(row.getString("status"));
		Long total = (Long) row.getObject("records_total");
		RunCounts counts = new RunCounts(row.getLong("read"), row.getLong("written"), row.getLong("unchanged"),
				row.getLong("skipped"), row.getLong("ok"), row.getLong("draft"), row.getLong("needs_review"),
				row.getLong("failed"), row.getLong("decided"), total);
		String parameters = row.getString("parameters");
		Instant startedAt = instant(row.getTimestamp("start_time"));
		Instant endedAt = instant(row.getTimestamp("end_time"));
		long elapsedMillis = row.getLong("elapsed_ms")
				+ (endedAt == null && startedAt != null ? Duration.between(startedAt, this.clock.instant()).toMillis() : 0);
		return new RunView(row.getLong("job_execution_id"), row.getLong("job_instance_id"), row.getString("job_name"),
				status.name(), status.isRunning(), row.getString("exit_code"), row.getString("exit_message"),
				instant(row.getTimestamp("create_time")), startedAt, endedAt,
				parameters == null ? Map.of() : this.json.readValue(parameters, PARAMETERS), counts,
				progress(row, status, counts, elapsedMillis), row.getInt("executions"), elapsedMillis);
	}

	/**
	 * While the process step runs: this execution's speed so far and the time left at it. Afterwards: the speed over
	 * the run's whole time, and no time left.
	 */
	private Progress progress(ResultSet row, BatchStatus status, RunCounts counts, long elapsedMillis)
			throws SQLException {
		Timestamp processStarted = row.getTimestamp("started_at");
		if (status.isRunning() && processStarted != null) {
			return Progress.of(row.getLong("read_before"), row.getLong("read_now"), counts.total(),
					Duration.between(processStarted.toInstant(), this.clock.instant()));
		}
		Progress overall = Progress.of(0, counts.read(), counts.total(), Duration.ofMillis(elapsedMillis));
		return new Progress(overall.done(), overall.total(), overall.recordsPerSecond(), null);
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	/**
	 * Which runs to list; {@code null} means any.
	 *
	 * @param from runs created at or after this instant
	 * @param to runs created before this instant
	 */
	public record RunFilter(String job, BatchStatus status, Instant from, Instant to) {
	}

	/** One page of runs, and how many match in all. */
	public record RunPage(List<RunView> items, int page, int size, long totalItems) {

		public RunPage {
			items = List.copyOf(items);
		}

	}

	/**
	 * A run: one execution of a job instance; a restart is a new execution of the same instance.
	 *
	 * @param instanceId the job instance, under which the run's results are stored
	 * @param running whether the run is starting, running or stopping: its figures still change
	 * @param parameters the job parameters, by name, as text
	 * @param progress records done of the total and, while the run is under way, its speed and the time left
	 * @param executions the executions of the run's job instance up to this one: more than 1 for a resumed run
	 * @param elapsedMillis the time of those executions together (with this one's so far, while it runs)
	 */
	public record RunView(long id, long instanceId, String job, String status, boolean running, String exitCode,
			String exitDescription, Instant created, Instant started, Instant ended, Map<String, String> parameters,
			RunCounts counts, Progress progress, int executions, long elapsedMillis) {

		public RunView {
			parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
		}

	}

	/**
	 * Records of a run, counted over its job instance's executions so far.
	 *
	 * @param unchanged records left alone because their result was current
	 * @param skipped records skipped as unreadable or failing, beyond those stored as failed
	 * @param ok results by status, as stored for the job instance now
	 * @param reviewed results of the run a person has since decided on (reviewed, approved or rejected)
	 * @param total the records the run reads in all, once its process step has begun; {@code null} before
	 */
	public record RunCounts(long read, long written, long unchanged, long skipped, long ok, long draft,
			long needsReview, long failed, long reviewed, Long total) {
	}

}
