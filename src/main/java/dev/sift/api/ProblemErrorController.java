package dev.sift.api;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.json.JacksonJsonView;

import dev.sift.support.Excerpt;

/**
 * Boot's error page ({@code /error}), which answers every error that no controller answered itself: a path no
 * controller has, a method it does not take, a body too large, an exception outside Spring MVC. API paths, and any
 * client that does not ask for HTML, get RFC 9457 problem details like the API's own errors; browsers get the
 * {@code error} page. Either says what a client can fix (the reason given with a 4xx status) and nothing of a 5xx
 * fault, which is in the log.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ProblemErrorController extends BasicErrorController {

	private final JsonMapper json;

	ProblemErrorController(ErrorAttributes errorAttributes, WebProperties webProperties,
			ObjectProvider<ErrorViewResolver> errorViewResolvers, JsonMapper json) {
		super(errorAttributes, webProperties.getError(), errorViewResolvers.orderedStream().toList());
		this.json = json;
	}

	@Override
	public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
		HttpStatus status = getStatus(request);
		response.setStatus(status.value());
		Map<String, Object> problem = problem(request, status);
		if (isApi(request)) {
			JacksonJsonView view = new JacksonJsonView(this.json);
			view.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			// Advice adds its own attributes (the signed-in user) to every model: render the problem alone.
			view.setModelKey("problem");
			view.setExtractValueFromSingleKeyModel(true);
			return new ModelAndView(view, Map.of("problem", problem));
		}
		return new ModelAndView("error", problem);
	}

	@Override
	public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
		HttpStatus status = getStatus(request);
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem(request, status));
	}

	private static Map<String, Object> problem(HttpServletRequest request, HttpStatus status) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		problem.put("detail", detail(request, status));
		Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (path != null) {
			problem.put("instance", Excerpt.of(path.toString()));
		}
		return problem;
	}

	/** The reason a 4xx came with (a filter's, Spring MVC's or a page's), or what the status means. */
	private static String detail(HttpServletRequest request, HttpStatus status) {
		Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
		if (status.is4xxClientError() && message != null && !message.toString().isBlank()) {
			return Excerpt.of(message.toString());
		}
		return switch (status) {
			case NOT_FOUND -> "Nothing here: check the path";
			case METHOD_NOT_ALLOWED -> "This path does not take " + request.getMethod() + " requests";
			case INTERNAL_SERVER_ERROR -> "The request failed on the server; the log has the details";
			default -> status.is5xxServerError() ? "The server could not answer; the log has the details"
					: "The request was refused (" + status.getReasonPhrase() + ")";
		};
	}

	private static boolean isApi(HttpServletRequest request) {
		Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		return path != null && (path.toString().equals("/api") || path.toString().startsWith("/api/"));
	}

}
