package dev.sift.api;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import dev.sift.support.Excerpt;

/**
 * Tomcat's own error report, for requests Tomcat refuses before any of Sift sees them: a path with an invalid
 * character or percent-encoding, an encoded {@code /} or a NUL, a request line or headers it cannot parse. They get
 * problem details like every other error, instead of Tomcat's HTML page.
 */
class ProblemErrorReportValve extends ErrorReportValve {

	private final JsonMapper json;

	ProblemErrorReportValve(JsonMapper json) {
		this.json = json;
	}

	/** Only for an error nothing else has written, as the valve it replaces does. */
	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		String reason = response.getMessage();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status),
				status == 400 ? "The request could not be read: an invalid character or percent-encoding in its path "
						+ "(such as '%' alone, '%00' or '%2F'), or a request line or header HTTP does not allow"
						+ (reason == null || reason.isBlank() ? "" : " (" + Excerpt.of(reason) + ")")
						: "The server refused the request" + (reason == null || reason.isBlank() ? ""
								: ": " + Excerpt.of(reason)));
		byte[] body = this.json.writeValueAsBytes(problem);
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setContentLength(body.length);
			try (OutputStream out = response.getOutputStream()) {
				out.write(body);
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response was taken over: nothing left to tell it.
		}
	}

}
