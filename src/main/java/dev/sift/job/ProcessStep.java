package dev.sift.job;

import java.util.function.IntFunction;

import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.ObjectProvider;

import dev.sift.definition.JobSpec;

/**
 * A job's {@code process} step: reads, processes and stores the records here, or, for a run with more than one
 * partition (its {@code partitions} parameter, else the spec's), is the manager step that splits the run for workers
 * ({@link Partitioning}). A resumed run keeps the shape it started with, whatever the spec says now.
 */
final class ProcessStep implements Step {

	private final JobSpec spec;

	private final Step local;

	private final IntFunction<PartitionedRun> runs;

	private final ObjectProvider<Partitioning> partitioning;

	ProcessStep(JobSpec spec, Step local, IntFunction<PartitionedRun> runs, ObjectProvider<Partitioning> partitioning) {
		this.spec = spec;
		this.local = local;
		this.runs = runs;
		this.partitioning = partitioning;
	}

	@Override
	public String getName() {
		return SpecJobs.PROCESS_STEP;
	}

	@Override
	public void execute(StepExecution stepExecution) throws JobInterruptedException {
		int partitions = partitions(stepExecution);
		if (partitions == 1) {
			this.local.execute(stepExecution);
			return;
		}
		Partitioning remote = this.partitioning.getIfAvailable();
		if (remote == null) {
			throw new IllegalStateException("Run " + stepExecution.getJobExecutionId() + " of " + this.spec.name()
					+ " is split into partitions, but this process cannot hand them to workers");
		}
		remote.managerStep(this.runs.apply(partitions)).execute(stepExecution);
	}

	/** 1 to process here; otherwise how many partitions the run asks for (a resumed one keeps its own). */
	private int partitions(StepExecution stepExecution) {
		ExecutionContext context = stepExecution.getExecutionContext();
		if (context.containsKey(PartitionedRun.TOTAL)) {
			return Math.max(2, this.spec.partitions());
		}
		if (context.containsKey(Step.STEP_TYPE_KEY)) {
			return 1;
		}
		JobParameters parameters = stepExecution.getJobParameters();
		Long asked = parameters.getLong(SpecJobs.PARTITIONS);
		return asked == null ? this.spec.partitions() : asked.intValue();
	}

}
