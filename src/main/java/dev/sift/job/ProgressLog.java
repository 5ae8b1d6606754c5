package dev.sift.job;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sift.result.ClassificationResult;
import dev.sift.result.ResultStatus;
import dev.sift.source.CountingSource;
import dev.sift.source.SourceRange;

/**
 * The progress of a processing step, for people and for the runs pages: a log line after each chunk, at most every
 * {@link #INTERVAL} (records done of the total, how many ended in each status, records per second and the time
 * left), and the run's row of {@code run_progress}, which the runs list reads. The row is updated with each chunk in
 * the chunk's transaction, so it always agrees with what is committed.
 *
 * <p>
 * A partition of a partitioned run adds its chunks' counts to the row the manager started, so the row holds the
 * whole run's counts however many workers share it, and logs its own progress on the worker.
 */
final class ProgressLog implements ItemStream, StepExecutionListener, ItemWriteListener<ClassificationResult> {

	private static final Logger log = LoggerFactory.getLogger(ProgressLog.class);

	static final Duration INTERVAL = Duration.ofSeconds(5);

	private static final String START = """
			INSERT INTO run_progress (job_execution_id, job_instance_id, records_total, read_before, started_at,
			    updated_at)
			VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (job_execution_id) DO UPDATE SET records_total = EXCLUDED.records_total,
			    read_before = EXCLUDED.read_before, started_at = EXCLUDED.started_at, updated_at = EXCLUDED.updated_at
			""";

	private static final String UPDATE = """
			UPDATE run_progress SET read_count = ?, write_count = ?, filter_count = ?, skip_count = ?, updated_at = ?
			WHERE job_execution_id = ?
			""";

	private static final String ADD = """
			UPDATE run_progress SET read_count = read_count + ?, write_count = write_count + ?,
			    filter_count = filter_count + ?, skip_count = skip_count + ?, updated_at = ?
			WHERE job_execution_id = ?
			""";

	/** Records read by earlier executions of the run, as their rows hold them. */
	private static final String READ_BEFORE = """
			SELECT coalesce(sum(read_count), 0) FROM run_progress WHERE job_instance_id = ? AND job_execution_id < ?
			""";

	private final CountingSource reader;

	private final JdbcTemplate jdbc;

	private final Map<ResultStatus, Long> counts = new EnumMap<>(ResultStatus.class);

	private StepExecution stepExecution;

	private long total;

	private long readBefore;

	private Instant started;

	private long lastLoggedNanos;

	private boolean loggedLastChunk;

	/** The partition this step is, or {@code null} for a step that reads the whole source. */
	private SourceRange partition;

	/** A partition's counts as its last chunk added them to the run's row. */
	private long[] added;

	ProgressLog(CountingSource reader, JdbcTemplate jdbc) {
		this.reader = reader;
		this.jdbc = jdbc;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
	}

	/**
	 * Counts the source when the step opens its streams: the reader's own stream is opened first (it was registered
	 * first), so the run's source is known by then.
	 */
	@Override
	public void open(ExecutionContext executionContext) {
		this.counts.clear();
		this.total = this.reader.countRecords();
		// A restarted step resumes with the records of earlier executions already done.
		this.readBefore = this.reader.recordsReadBefore(executionContext);
		this.started = Instant.now();
		this.lastLoggedNanos = System.nanoTime();
		this.loggedLastChunk = true;
		this.partition = SourceRange.from(executionContext).orElse(null);
		if (this.partition == null) {
			started(this.jdbc, this.stepExecution, this.total, this.readBefore);
			log.info("Processing {} records{}", this.total,
					this.readBefore > 0 ? ", resuming after " + this.readBefore + " already done" : "");
			return;
		}
		this.added = counts(this.stepExecution);
		log.info("Processing partition {} of {}: {}{}", this.partition.index() + 1, this.partition.partitions(),
				this.partition.describe(),
				this.readBefore > 0 ? ", resuming after " + this.readBefore + " already done" : "");
	}

	/**
	 * Starts the run's row of {@code run_progress} for this execution of it: the records it reads in all, and how
	 * many its earlier executions read ({@code null}: as their rows say).
	 */
	static void started(JdbcTemplate jdbc, StepExecution stepExecution, long total, Long readBefore) {
		long instanceId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
		long before = readBefore != null ? readBefore
				: jdbc.queryForObject(READ_BEFORE, Long.class, instanceId, stepExecution.getJobExecutionId());
		Timestamp now = Timestamp.from(Instant.now());
		jdbc.update(START, stepExecution.getJobExecutionId(), instanceId, total, before, now, now);
	}

	private static long[] counts(StepExecution step) {
		return new long[] { step.getReadCount(), step.getWriteCount(), step.getFilterCount(), step.getSkipCount() };
	}

	@Override
	public void afterWrite(Chunk<? extends ClassificationResult> items) {
		for (ClassificationResult result : items) {
			this.counts.merge(result.status(), 1L, Long::sum);
		}
	}

	/** Called with each chunk's commit, after the step counted the chunk: its counts are the committed ones. */
	@Override
	public void update(ExecutionContext executionContext) {
		StepExecution step = this.stepExecution;
		if (this.partition == null) {
			this.jdbc.update(UPDATE, step.getReadCount(), step.getWriteCount(), step.getFilterCount(),
					step.getSkipCount(), Timestamp.from(Instant.now()), step.getJobExecutionId());
		}
		else {
			long[] now = counts(step);
			this.jdbc.update(ADD, now[0] - this.added[0], now[1] - this.added[1], now[2] - this.added[2],
					now[3] - this.added[3], Timestamp.from(Instant.now()), step.getJobExecutionId());
			this.added = now;
		}
		long now = System.nanoTime();
		this.loggedLastChunk = now - this.lastLoggedNanos >= INTERVAL.toNanos();
		if (this.loggedLastChunk) {
			this.lastLoggedNanos = now;
			log.info(progressLine());
		}
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
		if (this.started != null && !this.loggedLastChunk) {
			log.info(progressLine());
		}
		return null;
	}

	private String progressLine() {
		Progress progress = Progress.of(this.readBefore, this.stepExecution.getReadCount(), this.total,
				Duration.between(this.started, Instant.now()));
		return (this.partition == null ? "" : "Partition " + (this.partition.index() + 1) + "/"
				+ this.partition.partitions() + ": ") + String.format(
				"Progress: %d/%d records (%.0f%%) - ok %d, drafts %d, needs review %d, failed %d, unchanged %d - %s records/s, ETA %s",
				progress.done(), this.total, progress.percent(), this.counts.getOrDefault(ResultStatus.OK, 0L),
				this.counts.getOrDefault(ResultStatus.DRAFT, 0L), this.counts.getOrDefault(ResultStatus.NEEDS_REVIEW, 0L),
				this.counts.getOrDefault(ResultStatus.FAILED, 0L), this.stepExecution.getFilterCount(),
				progress.recordsPerSecond() == null ? "0.00" : String.format("%.2f", progress.recordsPerSecond()),
				progress.etaSeconds() == null ? "unknown" : formatDuration(Duration.ofSeconds(progress.etaSeconds())));
	}

	private static String formatDuration(Duration duration) {
		return String.format("%d:%02d:%02d", duration.toHours(), duration.toMinutesPart(), duration.toSecondsPart());
	}

}
