package dev.sift.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.sift.definition.UnknownJobException;
import dev.sift.run.JobAlreadyRunningException;
import dev.sift.run.RunAlreadyCompleteException;
import dev.sift.run.RunNotFoundException;
import dev.sift.run.TooManyRunsException;

/**
 * Errors of every API controller as RFC 9457 problem details ({@code application/problem+json}), like the 401 and
 * 403 of the security filters; Spring MVC's own errors (an unreadable body, a parameter of the wrong type) come
 * from the base class in the same form. Bad input is 400, a request that conflicts with a run's state 409, and a
 * start beyond the concurrent runs allowed 503 with {@code Retry-After}: the server is busy, the client did nothing
 * wrong and no rate limit applies, which 429 would say.
 */
@RestControllerAdvice(annotations = RestController.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ApiProblems extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

	/** Long enough for a chunk or two of a small run; a hint, not a promise. */
	private static final long RETRY_AFTER_SECONDS = 30;

	@ExceptionHandler
	ProblemDetail invalidParameter(InvalidParameterException exception) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid parameter", exception.getMessage());
		problem.setProperty("parameter", exception.parameter());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail unknownJob(UnknownJobException exception) {
		ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "Unknown job", exception.getMessage());
		problem.setProperty("job", exception.jobName());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail runNotFound(RunNotFoundException exception) {
		return problem(HttpStatus.NOT_FOUND, "Run not found", exception.getMessage());
	}

	@ExceptionHandler
	ProblemDetail alreadyRunning(JobAlreadyRunningException exception) {
		return problem(HttpStatus.CONFLICT, "Job already running", exception.getMessage());
	}

	@ExceptionHandler
	ProblemDetail alreadyComplete(RunAlreadyCompleteException exception) {
		return problem(HttpStatus.CONFLICT, "Run already complete", exception.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> tooManyRuns(TooManyRunsException exception) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS))
			.body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Too many runs", exception.getMessage()));
	}

	@ExceptionHandler
	ProblemDetail invalidRequest(IllegalArgumentException exception) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid request", exception.getMessage());
	}

	@ExceptionHandler
	ProblemDetail wrongState(IllegalStateException exception) {
		return problem(HttpStatus.CONFLICT, "Conflict", exception.getMessage());
	}

	/** Anything else is a fault of Sift's: logged in full, and answered without internals a client cannot use. */
	@ExceptionHandler
	ProblemDetail unexpected(Exception exception) {
		log.error("API request failed", exception);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
				"The request failed on the server; the log has the details");
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}
