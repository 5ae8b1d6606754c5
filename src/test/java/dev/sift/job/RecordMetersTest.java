package dev.sift.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.sift.result.ClassificationResult;
import dev.sift.result.ResultStatus;

/**
 * Chunks are counted when their transaction commits, in the order Spring Batch calls a step's listeners and streams
 * in one chunk transaction: before and after the write, then the streams' update with the step's counts.
 */
class RecordMetersTest {

	private static final String JOB = "classify-feedback";

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final RecordMeters meters = new RecordMeters(this.registry, JOB);

	private final TransactionTemplate transactions = new TransactionTemplate(new ResourcelessTransactionManager());

	private StepExecution step;

	@BeforeEach
	void startStep() {
		JobExecution execution = new JobExecution(1L, new JobInstance(1L, JOB), new JobParameters());
		this.step = new StepExecution(1L, SpecJobs.PROCESS_STEP, execution);
		this.meters.beforeStep(this.step);
	}

	@Test
	void everyStatusIsThereAtZeroOnceAStepStarts() {
		assertThat(counts()).containsOnly(Map.entry("ok", 0.0), Map.entry("draft", 0.0),
				Map.entry("needs_review", 0.0), Map.entry("failed", 0.0), Map.entry("unchanged", 0.0));
	}

	@Test
	void aCommittedChunkCountsItsResultsByStatusAndItsUnchangedRecords() {
		chunk(true, 4, ResultStatus.OK, ResultStatus.OK, ResultStatus.NEEDS_REVIEW, ResultStatus.FAILED);
		chunk(true, 6, ResultStatus.OK);

		assertThat(counts()).containsEntry("ok", 3.0)
			.containsEntry("needs_review", 1.0)
			.containsEntry("failed", 1.0)
			.containsEntry("unchanged", 6.0)
			.containsEntry("draft", 0.0);
	}

	@Test
	void aChunkWhoseTransactionRollsBackIsNotCounted() {
		chunk(false, 2, ResultStatus.OK, ResultStatus.FAILED);

		assertThat(counts()).containsEntry("ok", 0.0).containsEntry("failed", 0.0).containsEntry("unchanged", 0.0);
	}

	/** Spring Batch skips the streams' update of a chunk that failed; the next chunk counts only its own results. */
	@Test
	void aChunkThatFailedBeforeTheUpdateLeavesNothingForTheNextChunk() {
		this.transactions.executeWithoutResult(status -> {
			this.meters.beforeWrite(results(ResultStatus.OK, ResultStatus.OK));
			this.meters.afterWrite(results(ResultStatus.OK, ResultStatus.OK));
			status.setRollbackOnly();
		});
		chunk(true, 0, ResultStatus.DRAFT);

		assertThat(counts()).containsEntry("ok", 0.0).containsEntry("draft", 1.0);
	}

	/**
	 * One chunk in its transaction; {@code filteredSoFar} is the step's filter count once the chunk is counted, as
	 * Spring Batch has applied it by the streams' update.
	 */
	private void chunk(boolean commit, long filteredSoFar, ResultStatus... statuses) {
		Chunk<ClassificationResult> written = results(statuses);
		this.transactions.executeWithoutResult(status -> {
			this.meters.beforeWrite(written);
			this.meters.afterWrite(written);
			this.step.setFilterCount(filteredSoFar);
			this.meters.update(new ExecutionContext());
			if (!commit) {
				status.setRollbackOnly();
			}
		});
	}

	private static Chunk<ClassificationResult> results(ResultStatus... statuses) {
		return new Chunk<>(Arrays.stream(statuses)
			.map(status -> new ClassificationResult(JOB, 1L, "f.csv", "A1", 2, "text", Map.of(), Map.of(), null,
					status, status.needsReason() ? "why" : null, 1, "tiny.gguf", "v1",
					ClassificationResult.Usage.NONE))
			.toList());
	}

	private Map<String, Double> counts() {
		return Map.ofEntries(this.registry.find(RecordMeters.NAME)
			.tag("job.name", JOB)
			.counters()
			.stream()
			.map(counter -> Map.entry(counter.getId().getTag("status"), counter.count()))
			.toArray(Map.Entry[]::new));
	}

}
