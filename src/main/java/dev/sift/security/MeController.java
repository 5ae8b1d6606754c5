package dev.sift.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/me}: who the caller is, for clients checking their credentials. */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class MeController {

	@GetMapping("/api/me")
	Me me(Authentication authentication) {
		String token = authentication instanceof TokenAuthentication byToken ? byToken.tokenName() : null;
		return new Me(authentication.getName(), Role.of(authentication.getAuthorities()), token);
	}

	/**
	 * @param token the name of the API token the request came with; null for a user's own login
	 */
	record Me(String name, Role role, String token) {
	}

}
