package dev.sift.job;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.sift.result.ClassificationResult;
import dev.sift.result.ResultStatus;

/**
 * The {@code sift.records} counter of a processing step: records by job (tag {@code job.name}, since Prometheus gives
 * {@code job} to the scrape job) and by how they ended (tag {@code status}): the statuses results are stored with
 * ({@code ok}, {@code draft}, {@code needs_review}, {@code failed}) and {@code unchanged} for records left alone
 * because their result was current. A chunk's results are tallied where the chunk writes them, its unchanged records
 * from the count its progress row is updated with, and both are added only once the chunk's transaction commits: a
 * chunk that rolls back adds nothing, and is counted when it commits on resuming, so the counter goes up by what the
 * run's counts show.
 */
final class RecordMeters implements ItemStream, StepExecutionListener, ItemWriteListener<ClassificationResult> {

	static final String NAME = "sift.records";

	static final String UNCHANGED = "unchanged";

	/** Every status a run counts, each counter there from the first run on, at 0 until it is used. */
	static final List<String> STATUSES = List.of(ResultStatus.OK.code(), ResultStatus.DRAFT.code(),
			ResultStatus.NEEDS_REVIEW.code(), ResultStatus.FAILED.code(), UNCHANGED);

	private final MeterRegistry registry;

	private final String jobName;

	private final Map<ResultStatus, Long> written = new EnumMap<>(ResultStatus.class);

	private StepExecution stepExecution;

	private long filteredBefore;

	RecordMeters(MeterRegistry registry, String jobName) {
		this.registry = registry;
		this.jobName = jobName;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
		this.filteredBefore = stepExecution.getFilterCount();
		this.written.clear();
		STATUSES.forEach(this::counter);
	}

	/** A chunk written before this one that rolled back never reached {@link #update}: its tally is dropped. */
	@Override
	public void beforeWrite(Chunk<? extends ClassificationResult> items) {
		this.written.clear();
	}

	@Override
	public void afterWrite(Chunk<? extends ClassificationResult> items) {
		for (ClassificationResult result : items) {
			this.written.merge(result.status(), 1L, Long::sum);
		}
	}

	/**
	 * Called in each chunk's transaction after the step counted the chunk, as the progress row is updated: the
	 * chunk's counts are added when that transaction commits.
	 */
	@Override
	public void update(ExecutionContext executionContext) {
		Map<String, Long> chunk = new LinkedHashMap<>();
		this.written.forEach((status, count) -> chunk.put(status.code(), count));
		this.written.clear();
		long filtered = this.stepExecution.getFilterCount();
		if (filtered > this.filteredBefore) {
			chunk.put(UNCHANGED, filtered - this.filteredBefore);
		}
		this.filteredBefore = filtered;
		if (!chunk.isEmpty()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					chunk.forEach((status, count) -> counter(status).increment(count));
				}

			});
		}
	}

	private Counter counter(String status) {
		return Counter.builder(NAME)
			.description("Records processed, by job and by how they ended")
			.tag("job.name", this.jobName)
			.tag("status", status)
			.register(this.registry);
	}

}
