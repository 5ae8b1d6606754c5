package dev.sift.security;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import dev.sift.support.Excerpt;

/**
 * What API clients get when security says no: an RFC 9457 problem, never a redirect to a login page they cannot
 * use. The challenge names Bearer only, because a Basic challenge makes browsers pop up their own login dialog over
 * the dashboard's requests. Requests the firewall refuses, on any path, get a 400 problem rather than an error page.
 */
class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

	private final JsonMapper json;

	ProblemResponses(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"sift\"");
		write(request, response, HttpStatus.UNAUTHORIZED,
				"Authentication required: send an API token (Authorization: Bearer) or a user's HTTP Basic credentials");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
			throws IOException {
		write(request, response, HttpStatus.FORBIDDEN,
				exception instanceof CsrfException
						? "Missing or invalid CSRF token: requests authenticated by the session cookie must send one"
						: "Your role does not allow this");
	}

	/** A path or header {@code StrictHttpFirewall} does not allow, such as {@code ;}, {@code //} or {@code ..}. */
	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException exception)
			throws IOException {
		write(request, response, HttpStatus.BAD_REQUEST,
				Excerpt.of(exception.getMessage()) + " Send a normalized path without ';', '//', '..' or encoded "
						+ "'/', '\\' or '.'");
	}

	private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		instance(request.getRequestURI()).ifPresent(problem::setInstance);
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

	/** The path asked for, unless it is too long to repeat or no URI at all, as a refused one may be. */
	private static Optional<URI> instance(String path) {
		if (path == null || path.length() > Excerpt.MAX_LENGTH) {
			return Optional.empty();
		}
		try {
			return Optional.of(new URI(path));
		}
		catch (URISyntaxException ex) {
			return Optional.empty();
		}
	}

}
