package dev.sift.run;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * Why a run did not complete, in a line or two a person can act on: the messages of what failed (not Spring Batch's
 * stack traces), or the reason a step gave, such as an input that cannot be read to its end.
 */
final class RunFailures {

	private RunFailures() {
	}

	static String reason(JobExecution execution) {
		Set<String> reasons = new LinkedHashSet<>();
		for (StepExecution step : execution.getStepExecutions()) {
			step.getFailureExceptions().forEach(failure -> reasons.add(message(failure)));
			String description = step.getExitStatus().getExitDescription();
			if (step.getFailureExceptions().isEmpty() && !description.isBlank()) {
				reasons.add(description);
			}
		}
		execution.getFailureExceptions().forEach(failure -> reasons.add(message(failure)));
		return reasons.isEmpty() ? execution.getStatus() + " without a reason given; see the log above"
				: reasons.stream().collect(Collectors.joining("; "));
	}

	/** The innermost message: the one that says what went wrong, not where it was caught. */
	private static String message(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
		return failure.getMessage() != null && failure != cause && !failure.getMessage().contains(message)
				? failure.getMessage() + ": " + message : message;
	}

}
