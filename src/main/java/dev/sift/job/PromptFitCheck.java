package dev.sift.job;

import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Fails a run before it reads any record when the job's shared prompt and longest reply do not fit a slot: every
 * record would fail the same way. The run ends {@code FAILED} with the numbers and the setting to raise.
 */
final class PromptFitCheck implements JobExecutionListener {

	private final Optional<PromptFit> fit;

	PromptFitCheck(Optional<PromptFit> fit) {
		this.fit = fit;
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		this.fit.filter(candidate -> !candidate.fits()).ifPresent(tooLong -> {
			throw new PromptDoesNotFitException(tooLong.problem());
		});
	}

	/**
	 * A job whose prompt cannot fit the model's context: a setting to change, so Spring Batch's log of the failed
	 * run shows the message without a stack trace.
	 */
	static final class PromptDoesNotFitException extends RuntimeException {

		PromptDoesNotFitException(String message) {
			super(message, null, false, false);
		}

	}

}
