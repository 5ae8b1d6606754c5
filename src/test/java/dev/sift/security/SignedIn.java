package dev.sift.security;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A signed-in user for {@link SecuritySlice} tests: a browser session of this role with its CSRF token, which is how
 * the pages and a signed-in browser's API calls arrive; the name is the role in lower case.
 */
public final class SignedIn {

	private SignedIn() {
	}

	public static RequestPostProcessor as(String role) {
		RequestPostProcessor user = user(role.toLowerCase()).roles(role);
		RequestPostProcessor token = csrf();
		return request -> token.postProcessRequest(user.postProcessRequest(request));
	}

}
