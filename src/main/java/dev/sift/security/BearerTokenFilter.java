package dev.sift.security;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} requests by API token, for this request only (nothing goes
 * into a session). An unknown or revoked token is answered with 401 at once rather than falling back to a session
 * cookie the same request may carry.
 */
class BearerTokenFilter extends OncePerRequestFilter {

	private static final String BEARER = "Bearer ";

	private final ApiTokens tokens;

	private final AuthenticationEntryPoint entryPoint;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	private final WebAuthenticationDetailsSource details = new WebAuthenticationDetailsSource();

	BearerTokenFilter(ApiTokens tokens, AuthenticationEntryPoint entryPoint) {
		this.tokens = tokens;
		this.entryPoint = entryPoint;
	}

	static boolean hasBearerToken(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		return header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!hasBearerToken(request)) {
			chain.doFilter(request, response);
			return;
		}
		String secret = request.getHeader(HttpHeaders.AUTHORIZATION).substring(BEARER.length()).trim();
		Optional<TokenAuthentication> authentication = secret.isEmpty() ? Optional.empty()
				: this.tokens.authenticate(secret);
		if (authentication.isEmpty()) {
			this.contexts.clearContext();
			this.entryPoint.commence(request, response, new BadCredentialsException("Unknown or revoked API token"));
			return;
		}
		authentication.get().setDetails(this.details.buildDetails(request));
		SecurityContext context = this.contexts.createEmptyContext();
		context.setAuthentication(authentication.get());
		this.contexts.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.contexts.clearContext();
		}
	}

}
