package dev.sift.job;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ItemProcessListener;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;

import dev.sift.result.ClassificationResult;
import dev.sift.result.ResultStatus;
import dev.sift.source.CountingSource;
import dev.sift.source.SourceRecord;

/**
 * Logs the progress of a processing step after each chunk, at most every {@link #INTERVAL}: records done of the
 * total, how many ended in each status, records per second and the time left.
 */
final class ProgressLog implements ItemStream, StepExecutionListener, ItemProcessListener<SourceRecord, ClassificationResult>,
		ItemWriteListener<ClassificationResult> {

	private static final Logger log = LoggerFactory.getLogger(ProgressLog.class);

	static final Duration INTERVAL = Duration.ofSeconds(5);

	private final CountingSource reader;

	private final Map<ResultStatus, Long> counts = new EnumMap<>(ResultStatus.class);

	/** Records left out because their result is current; counted from the threads that process items. */
	private final AtomicLong unchanged = new AtomicLong();

	private long total;

	private long alreadyDone;

	private long startedNanos;

	private long lastLoggedNanos;

	private long lastWriteNanos;

	ProgressLog(CountingSource reader) {
		this.reader = reader;
	}

	/**
	 * Counts the source when the step opens its streams: the reader's own stream is opened first (it was registered
	 * first), so the run's source is known by then.
	 */
	@Override
	public void open(ExecutionContext executionContext) {
		this.counts.clear();
		this.unchanged.set(0);
		this.total = this.reader.countRecords();
		// Saved with each chunk, so whoever watches the run from the database can tell the time left.
		executionContext.putLong(SpecJobs.RECORDS_TOTAL, this.total);
		// A restarted step resumes with the records of earlier executions already written.
		this.alreadyDone = this.reader.recordsReadBefore(executionContext);
		this.startedNanos = System.nanoTime();
		this.lastLoggedNanos = this.startedNanos;
		this.lastWriteNanos = -1;
		log.info("Processing {} records{}", this.total,
				this.alreadyDone > 0 ? ", resuming after " + this.alreadyDone + " already done" : "");
	}

	@Override
	public void afterProcess(SourceRecord record, @Nullable ClassificationResult result) {
		if (result == null) {
			this.unchanged.incrementAndGet();
		}
	}

	@Override
	public void afterWrite(Chunk<? extends ClassificationResult> items) {
		for (ClassificationResult result : items) {
			this.counts.merge(result.status(), 1L, Long::sum);
		}
		long now = System.nanoTime();
		this.lastWriteNanos = now;
		if (now - this.lastLoggedNanos >= INTERVAL.toNanos()) {
			this.lastLoggedNanos = now;
			log.info(progressLine(now));
		}
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
		if (this.lastLoggedNanos != this.lastWriteNanos) {
			log.info(progressLine(System.nanoTime()));
		}
		return null;
	}

	private String progressLine(long now) {
		long doneNow = this.counts.values().stream().mapToLong(Long::longValue).sum() + this.unchanged.get();
		long done = this.alreadyDone + doneNow;
		double seconds = Math.max((now - this.startedNanos) / 1e9, 1e-3);
		double rate = doneNow / seconds;
		long left = Math.max(this.total - done, 0);
		String eta = rate > 0 ? formatDuration(Duration.ofSeconds(Math.round(left / rate))) : "unknown";
		return String.format(
				"Progress: %d/%d records (%.0f%%) - ok %d, drafts %d, needs review %d, failed %d, unchanged %d - %.2f records/s, ETA %s",
				done, this.total, this.total == 0 ? 100.0 : 100.0 * done / this.total,
				this.counts.getOrDefault(ResultStatus.OK, 0L), this.counts.getOrDefault(ResultStatus.DRAFT, 0L), this.counts.getOrDefault(ResultStatus.NEEDS_REVIEW, 0L),
				this.counts.getOrDefault(ResultStatus.FAILED, 0L), this.unchanged.get(), rate, eta);
	}

	private static String formatDuration(Duration duration) {
		return String.format("%d:%02d:%02d", duration.toHours(), duration.toMinutesPart(), duration.toSecondsPart());
	}

}
