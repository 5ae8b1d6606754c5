package dev.sift.security;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code /api/tokens}: API tokens, for ADMINs only (see {@link SecurityConfiguration}). */
@RestController
@RequestMapping("/api/tokens")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class TokensController {

	private static final int MAX_NAME_LENGTH = 100;

	private final ApiTokens tokens;

	private final Accounts accounts;

	TokensController(ApiTokens tokens, Accounts accounts) {
		this.tokens = tokens;
		this.accounts = accounts;
	}

	@GetMapping
	List<ApiToken> list() {
		return this.tokens.list();
	}

	/**
	 * Issues a token for the caller's user. It gets the requested role, by default the caller's, never more than
	 * the caller has.
	 */
	@PostMapping
	ResponseEntity<CreatedToken> create(@RequestBody NewToken request, Authentication caller) {
		if (request.name() == null || request.name().isBlank() || request.name().length() > MAX_NAME_LENGTH) {
			throw new InvalidAccountException("A token needs a name of 1 to " + MAX_NAME_LENGTH + " characters");
		}
		Role callerRole = Role.of(caller.getAuthorities());
		Role role = request.role() == null ? callerRole : Role.parse(request.role());
		if (!callerRole.includes(role)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN,
					"A token may not have more than your role " + callerRole);
		}
		Account creator = this.accounts.find(caller.getName())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN, "Your user no longer exists"));
		ApiTokens.IssuedToken issued = this.tokens.issue(creator, request.name(), role);
		ApiToken token = issued.token();
		return ResponseEntity.created(URI.create("/api/tokens/" + token.id()))
			.body(new CreatedToken(token.id(), token.name(), token.role(), token.createdBy(), token.createdAt(),
					issued.secret()));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> revoke(@PathVariable long id) {
		if (!this.tokens.revoke(id)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No token with id " + id);
		}
		return ResponseEntity.noContent().build();
	}

	/** The role defaults to the caller's. */
	record NewToken(String name, String role) {
	}

	/** A new token with its secret, which is shown in this response only. */
	record CreatedToken(long id, String name, Role role, String createdBy, Instant createdAt, String token) {
	}

}
