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

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.sift.job.SpecJobs;
import dev.sift.result.ResultFilter;
import dev.sift.result.ResultStore;
import dev.sift.result.StatusCounts;

/**
 * Runs as the API and the dashboard show them: what ran, how far it got and how its records ended. Read from Spring
 * Batch's tables directly where the job repository offers no paging or filtering; every value is a bound parameter.
 */
@Component
public class RunViews {

	private static final String SELECT_RUNS = """
			SELECT e.job_execution_id, e.job_instance_id, i.job_name, e.status, e.exit_code, e.exit_message,
			    e.create_time, e.start_time, e.end_time
			FROM batch_job_execution e JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
			""";

	/** The records of every execution of the run's job instance up to this one: a restart goes on counting. */
	private static final String SUM_PROCESS_STEPS = """
			SELECT coalesce(sum(s.read_count), 0), coalesce(sum(s.write_count), 0), coalesce(sum(s.filter_count), 0),
			    coalesce(sum(s.read_skip_count + s.process_skip_count + s.write_skip_count), 0)
			FROM batch_step_execution s JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
			WHERE e.job_instance_id = ? AND e.job_execution_id <= ? AND s.step_name = ?
			""";

	private static final String LAST_PROCESS_STEP = """
			SELECT step_execution_id, status, start_time, read_count FROM batch_step_execution
			WHERE job_execution_id = ? AND step_name = ? ORDER BY step_execution_id DESC LIMIT 1
			""";

	private final JdbcTemplate jdbc;

	private final JobRepository jobRepository;

	private final ResultStore results;

	private final Clock clock;

	public RunViews(JdbcTemplate jdbc, JobRepository jobRepository, ResultStore results, Clock clock) {
		this.jdbc = jdbc;
		this.jobRepository = jobRepository;
		this.results = results;
		this.clock = clock;
	}

	/** @throws RunNotFoundException when there is no run with this id */
	public RunView find(long executionId) {
		List<RunRow> rows = this.jdbc.query(SELECT_RUNS + "WHERE e.job_execution_id = ?", RunViews::runRow,
				executionId);
		if (rows.isEmpty()) {
			throw new RunNotFoundException(executionId);
		}
		return view(rows.get(0));
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
		Long total = this.jdbc.queryForObject("""
				SELECT count(*) FROM batch_job_execution e
				JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
				""" + where, Long.class, arguments.toArray());
		List<Object> paged = new ArrayList<>(arguments);
		paged.add(size);
		paged.add((long) page * size);
		List<RunRow> rows = this.jdbc.query(SELECT_RUNS + where + "ORDER BY e.job_execution_id DESC LIMIT ? OFFSET ?",
				RunViews::runRow, paged.toArray());
		return new RunPage(rows.stream().map(this::view).toList(), page, size, total == null ? 0 : total);
	}

	private RunView view(RunRow row) {
		RunCounts counts = counts(row);
		return new RunView(row.id(), row.instanceId(), row.job(), row.status().name(), row.exitCode(),
				row.exitDescription(), row.created(), row.started(), row.ended(), parameters(row.id()), counts,
				progress(row, counts));
	}

	private RunCounts counts(RunRow row) {
		long[] steps = this.jdbc.queryForObject(SUM_PROCESS_STEPS,
				(result, rowNumber) -> new long[] { result.getLong(1), result.getLong(2), result.getLong(3),
						result.getLong(4) },
				row.instanceId(), row.id(), SpecJobs.PROCESS_STEP);
		StatusCounts statuses = this.results.countByStatus(ResultFilter.ALL.withInstance(row.instanceId()));
		return new RunCounts(steps[0], steps[1], steps[2], steps[3], statuses.ok(), statuses.draft(),
				statuses.needsReview(), statuses.failed(), statuses.decided(), total(row.id()));
	}

	/** The records the process step reads in all; its execution context is the job repository's to decode. */
	private Long total(long executionId) {
		List<Long> stepIds = this.jdbc.queryForList(
				"SELECT step_execution_id FROM batch_step_execution WHERE job_execution_id = ? AND step_name = ?",
				Long.class, executionId, SpecJobs.PROCESS_STEP);
		if (stepIds.isEmpty()) {
			return null;
		}
		StepExecution step = this.jobRepository.getStepExecution(stepIds.get(stepIds.size() - 1));
		if (step == null || !step.getExecutionContext().containsKey(SpecJobs.RECORDS_TOTAL)) {
			return null;
		}
		return step.getExecutionContext().getLong(SpecJobs.RECORDS_TOTAL);
	}

	/**
	 * Speed and time left while the process step runs: records read by this execution over its time so far, and the
	 * records not yet read at that speed.
	 */
	private RunProgress progress(RunRow row, RunCounts counts) {
		if (!row.status().isRunning()) {
			return RunProgress.NONE;
		}
		List<RunProgress> progress = this.jdbc.query(LAST_PROCESS_STEP, (step, rowNumber) -> {
			Timestamp started = step.getTimestamp(3);
			if (!BatchStatus.valueOf(step.getString(2)).isRunning() || started == null) {
				return RunProgress.NONE;
			}
			double seconds = Duration.between(started.toInstant(), this.clock.instant()).toMillis() / 1000.0;
			if (seconds <= 0) {
				return RunProgress.NONE;
			}
			double rate = step.getLong(4) / seconds;
			Long eta = counts.total() == null || rate <= 0 ? null
					: Math.round(Math.max(counts.total() - counts.read(), 0) / rate);
			return new RunProgress(rate, eta);
		}, row.id(), SpecJobs.PROCESS_STEP);
		return progress.isEmpty() ? RunProgress.NONE : progress.get(0);
	}

	private Map<String, String> parameters(long executionId) {
		Map<String, String> parameters = new LinkedHashMap<>();
		this.jdbc.query("""
				SELECT parameter_name, parameter_value FROM batch_job_execution_params
				WHERE job_execution_id = ? ORDER BY parameter_name
				""", row -> {
			parameters.put(row.getString(1), row.getString(2));
		}, executionId);
		return parameters;
	}

	private static RunRow runRow(ResultSet row, int rowNumber) throws SQLException {
		return new RunRow(row.getLong(1), row.getLong(2), row.getString(3), BatchStatus.valueOf(row.getString(4)),
				row.getString(5), row.getString(6), instant(row.getTimestamp(7)), instant(row.getTimestamp(8)),
				instant(row.getTimestamp(9)));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	private record RunRow(long id, long instanceId, String job, BatchStatus status, String exitCode,
			String exitDescription, Instant created, Instant started, Instant ended) {
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
	 * @param parameters the job parameters, by name, as text
	 */
	public record RunView(long id, long instanceId, String job, String status, String exitCode,
			String exitDescription, Instant created, Instant started, Instant ended, Map<String, String> parameters,
			RunCounts counts, RunProgress progress) {

		public RunView {
			parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
		}

		/** Whether the run is starting, running or stopping: its figures still change. */
		public boolean running() {
			return BatchStatus.valueOf(this.status).isRunning();
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

	/**
	 * How fast a running run goes; {@code null} values when it is not running (or has just begun).
	 *
	 * @param recordsPerSecond records read per second by the current execution
	 * @param etaSeconds seconds until every record is read at that speed
	 */
	public record RunProgress(Double recordsPerSecond, Long etaSeconds) {

		static final RunProgress NONE = new RunProgress(null, null);

	}

}
