package dev.sift.job;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Refuses a partition whose run stores its results under another prompt version than this process would: the
 * worker has other job specs or another model than the manager, and its results would not be the run's.
 */
final class PartitionCheck implements StepExecutionListener {

	private final String jobName;

	private final String promptVersion;

	PartitionCheck(String jobName, String promptVersion) {
		this.jobName = jobName;
		this.promptVersion = promptVersion;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		String expected = stepExecution.getExecutionContext().getString(PartitionedRun.PROMPT_VERSION, null);
		if (expected != null && !expected.equals(this.promptVersion)) {
			throw new IllegalStateException("This worker's prompt version of " + this.jobName + " is "
					+ this.promptVersion + ", but run " + stepExecution.getJobExecutionId()
					+ " stores its results under " + expected + ". Give every worker the same job specs "
					+ "(sift.jobs.dir) and the same model file as the process that started the run");
		}
	}

}
