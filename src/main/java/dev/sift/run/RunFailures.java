package dev.sift.run;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * Why a run did not complete, in a line or two a person can act on: the messages of what failed (not Spring Batch's
 * stack traces), or the reason a step gave, such as an input that cannot be read to its end.
 */
final class RunFailures {

	/**
	 * An exception as Spring Batch writes it into an exit description: its first line, then its frames and causes,
	 * up to the {@code ;} that joins the next description.
	 */
	private static final Pattern STACK_TRACE = Pattern.compile(
			"(?m)^(Caused by: )?[\\w.$]+(Exception|Error|Throwable)\\b[^\\n]*(\\n(\\s+at |\\s*\\.\\.\\. \\d+ more|Caused by: )[^\\n;]*)*");

	private RunFailures() {
	}

	static String reason(JobExecution execution) {
		Set<String> reasons = new LinkedHashSet<>();
		for (StepExecution step : execution.getStepExecutions()) {
			String description = withoutStackTraces(step.getExitStatus().getExitDescription());
			if (description.isEmpty()) {
				step.getFailureExceptions().forEach(failure -> reasons.add(message(failure)));
			}
			else {
				reasons.add(description);
			}
		}
		execution.getFailureExceptions().forEach(failure -> reasons.add(message(failure)));
		return reasons.isEmpty() ? execution.getStatus() + " without a reason given; see the log above"
				: reasons.stream().collect(Collectors.joining("; "));
	}

	/**
	 * What a step's exit description says besides the stack traces Spring Batch puts in it: the reason a step gave
	 * (an input that cannot be read to its end, why each partition of a partitioned run failed), or nothing.
	 */
	static String withoutStackTraces(String description) {
		return STACK_TRACE.matcher(description).replaceAll("").strip().replaceAll("^(;\\s*)+|(;\\s*)+$", "").strip();
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
