package dev.sift.api;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.sift.definition.UnknownJobException;
import dev.sift.run.InvalidRunRequestException;
import dev.sift.run.JobAlreadyRunningException;
import dev.sift.run.RunAlreadyCompleteException;
import dev.sift.run.RunNotFoundException;
import dev.sift.run.RunStateException;
import dev.sift.run.ServiceStoppingException;
import dev.sift.run.TooManyRunsException;
import dev.sift.security.InvalidAccountException;
import dev.sift.security.LastAdminException;
import dev.sift.support.Excerpt;

/**
 * Errors of every API controller as RFC 9457 problem details ({@code application/problem+json}), like the 401 and
 * 403 of the security filters; Spring MVC's own errors (an unreadable body, a parameter of the wrong type) come
 * from the base class in the same form. Only Sift's own exceptions say what went wrong: bad input is 400, a request
 * that conflicts with a run's or a user's state 409, a start beyond the concurrent runs allowed or while Sift stops
 * 503. Any other exception is a fault of Sift's, a 500 that shows nothing of it. Values a client sent are named,
 * never echoed at length.
 */
@RestControllerAdvice(annotations = RestController.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ApiProblems extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

	/**
	 * Long enough for a chunk or two of a small run; a hint, not a promise. The server is busy, the client did
	 * nothing wrong and no rate limit applies, which 429 would say.
	 */
	private static final long RETRY_AFTER_SECONDS = 30;

	@ExceptionHandler
	ProblemDetail invalidParameter(InvalidParameterException exception) {
		return invalidParameter(exception.parameter(), exception.getMessage());
	}

	@ExceptionHandler
	ProblemDetail invalidRunRequest(InvalidRunRequestException exception) {
		return invalidParameter(exception.parameter(), exception.getMessage());
	}

	@ExceptionHandler
	ProblemDetail invalidAccount(InvalidAccountException exception) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid user or token", exception.getMessage());
	}

	@ExceptionHandler
	ProblemDetail unknownJob(UnknownJobException exception) {
		ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "Unknown job", exception.getMessage());
		problem.setProperty("job", Excerpt.of(exception.jobName()));
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
	ProblemDetail wrongRunState(RunStateException exception) {
		return problem(HttpStatus.CONFLICT, "Run in the wrong state", exception.getMessage());
	}

	@ExceptionHandler
	ProblemDetail lastAdmin(LastAdminException exception) {
		return problem(HttpStatus.CONFLICT, "Last admin", exception.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> tooManyRuns(TooManyRunsException exception) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS))
			.body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Too many runs", exception.getMessage()));
	}

	@ExceptionHandler
	ProblemDetail stopping(ServiceStoppingException exception) {
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "Sift is stopping", exception.getMessage());
	}

	/** Anything else is a fault of Sift's: logged in full, and answered without internals a client cannot use. */
	@ExceptionHandler
	ProblemDetail unexpected(Exception exception) {
		log.error("API request failed", exception);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
				"The request failed on the server; the log has the details");
	}

	/** A parameter that is not of its type, named with the value it had, shortened. */
	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException exception, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = exception.getPropertyName() == null ? "parameter" : exception.getPropertyName();
		Class<?> type = exception.getRequiredType();
		return handleExceptionInternal(exception,
				invalidParameter(name, name + ": '" + Excerpt.of(String.valueOf(exception.getValue())) + "' is not "
						+ (type == null ? "a valid value" : kind(type))),
				headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * A body that is not JSON, is too large, or does not fit the request: an unknown field, or a value of the wrong
	 * kind (a number for a text, a fraction for a whole number, text for true or false, null for a value that must be
	 * there). The field is named; Jackson's own message is not shown, as it quotes the body.
	 */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem;
		if (exception.getMostSpecificCause() instanceof UnrecognizedPropertyException unknown) {
			String field = Excerpt.of(fieldPath(unknown));
			problem = invalidParameter(field, field + ": no such field; the fields are "
					+ names(unknown.getKnownPropertyIds()));
		}
		else if (exception.getMostSpecificCause() instanceof MismatchedInputException mismatch
				&& !mismatch.getPath().isEmpty()) {
			String field = Excerpt.of(fieldPath(mismatch));
			problem = invalidParameter(field, field + ": must be "
					+ (mismatch.getTargetType() == null ? "of another kind" : kind(mismatch.getTargetType())));
		}
		else if (exception.getMostSpecificCause() instanceof StreamReadException malformed) {
			problem = problem(HttpStatus.BAD_REQUEST, "Invalid body", "The body is not valid JSON"
					+ (malformed.getLocation() == null ? "" : " (line " + malformed.getLocation().getLineNr()
							+ ", column " + malformed.getLocation().getColumnNr() + ")"));
		}
		else if (exception.getMostSpecificCause() instanceof JacksonException) {
			problem = problem(HttpStatus.BAD_REQUEST, "Invalid body",
					"The body must be a JSON object with the fields of this request");
		}
		else {
			problem = problem(HttpStatus.BAD_REQUEST, "Invalid body", "A JSON body is required");
		}
		return handleExceptionInternal(exception, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/** @param parameter its name, short already: Sift's own, or an excerpt of the client's */
	private static ProblemDetail invalidParameter(String parameter, String detail) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid parameter", detail);
		problem.setProperty("parameter", parameter);
		return problem;
	}

	/** Where in the body a value is: {@code limit}, or {@code items[2].name} for nested ones. */
	private static String fieldPath(JacksonException exception) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : exception.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "body" : path.toString();
	}

	/** What a value of this type looks like, in the words of JSON. */
	private static String kind(Class<?> type) {
		if (CharSequence.class.isAssignableFrom(type)) {
			return "a JSON string";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (type == Long.class || type == long.class || type == Integer.class || type == int.class
				|| type == Short.class || type == short.class || type == BigInteger.class) {
			return "a whole number";
		}
		if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
			return "a number";
		}
		if (type.isEnum()) {
			return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
				.collect(Collectors.joining(", "));
		}
		return "a valid " + type.getSimpleName();
	}

	private static String names(Collection<Object> names) {
		return names.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
	}

	static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}
