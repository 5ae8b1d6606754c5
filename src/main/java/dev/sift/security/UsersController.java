package dev.sift.security;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

import dev.sift.support.Excerpt;

/** {@code /api/users}: user management, for ADMINs only (see {@link SecurityConfiguration}). */
@RestController
@RequestMapping("/api/users")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class UsersController {

	private final Accounts accounts;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	UsersController(Accounts accounts, PasswordEncoder passwordEncoder, Clock clock) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
	}

	@GetMapping
	List<UserView> list() {
		return this.accounts.list().stream().map(this::view).toList();
	}

	@GetMapping("/{name}")
	UserView get(@PathVariable String name) {
		return this.accounts.find(name).map(this::view).orElseThrow(() -> noSuchUser(name));
	}

	@PostMapping
	ResponseEntity<UserView> create(@RequestBody NewUser user) {
		Accounts.requireValidName(user.name());
		Passwords.requireAcceptable(user.password());
		Role role = user.role() == null ? Role.VIEWER : Role.parse(user.role());
		if (!this.accounts.create(user.name(), this.passwordEncoder.encode(user.password()), role)) {
			String existing = this.accounts.find(user.name()).map(Account::name).orElse(user.name());
			throw new ResponseStatusException(HttpStatus.CONFLICT, "A user named '" + existing
					+ "' exists; user names are unique regardless of case");
		}
		URI location = UriComponentsBuilder.fromPath("/api/users/{name}").buildAndExpand(user.name()).encode().toUri();
		return ResponseEntity.created(location).body(get(user.name()));
	}

	@PutMapping("/{name}")
	UserView update(@PathVariable String name, @RequestBody UserChange change) {
		if (change.password() != null) {
			Passwords.requireAcceptable(change.password());
		}
		return this.accounts
			.update(name, change.role() == null ? null : Role.parse(change.role()), change.enabled(),
					change.password() == null ? null : this.passwordEncoder.encode(change.password()))
			.map(this::view)
			.orElseThrow(() -> noSuchUser(name));
	}

	@DeleteMapping("/{name}")
	ResponseEntity<Void> delete(@PathVariable String name) {
		if (!this.accounts.delete(name)) {
			throw noSuchUser(name);
		}
		return ResponseEntity.noContent().build();
	}

	private UserView view(Account account) {
		Instant now = this.clock.instant();
		return new UserView(account.name(), account.role(), account.enabled(), account.lockedAt(now),
				account.lockedAt(now) ? account.lockedUntil() : null, account.createdAt());
	}

	private static ResponseStatusException noSuchUser(String name) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No user named '" + Excerpt.of(name) + "'");
	}

	/** A new user; the role defaults to VIEWER. */
	record NewUser(String name, String password, String role) {
	}

	/** Fields to change; those left out stay as they are. A new password also lifts a lock-out. */
	record UserChange(String role, Boolean enabled, String password) {
	}

	/** A user as the API shows it: never the password hash. */
	record UserView(String name, Role role, boolean enabled, boolean locked, Instant lockedUntil, Instant createdAt) {
	}

}
