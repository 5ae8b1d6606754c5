package dev.sift.run;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

import static org.assertj.core.api.Assertions.assertThat;

/** The one line a failed run's console shows: reasons, never stack traces. */
class RunFailuresTest {

	@Test
	void aStepsOwnReasonIsGivenWithoutTheStackTraceSpringBatchPutBeforeIt() {
		RuntimeException handler = new RuntimeException("Partition handler returned an unsuccessful step",
				new IllegalStateException("inner"));
		StepExecution step = step(ExitStatus.FAILED.addExitDescription(handler)
			.addExitDescription("partition 2 of 2 (lines 4-5 of /in/x.csv (records 3-4)) FAILED: /in/x.csv cannot "
					+ "be read past line 5: unterminated quote"));
		step.addFailureException(handler);

		assertThat(RunFailures.reason(step.getJobExecution())).isEqualTo("partition 2 of 2 (lines 4-5 of /in/x.csv "
				+ "(records 3-4)) FAILED: /in/x.csv cannot be read past line 5: unterminated quote");
	}

	@Test
	void aStepWhoseDescriptionIsOnlyAStackTraceIsGivenByItsExceptionsMessage() {
		IllegalStateException failure = new IllegalStateException("the model is gone",
				new IOException("socket closed"));
		StepExecution step = step(ExitStatus.FAILED.addExitDescription(failure));
		step.addFailureException(failure);

		assertThat(RunFailures.reason(step.getJobExecution())).isEqualTo("the model is gone: socket closed");
	}

	private static StepExecution step(ExitStatus exitStatus) {
		JobExecution execution = new JobExecution(1L, new JobInstance(1L, "classify-feedback"), new JobParameters());
		StepExecution step = new StepExecution(2L, "process", execution);
		execution.addStepExecutions(List.of(step));
		step.setExitStatus(exitStatus);
		return step;
	}

}
