package dev.sift.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Users for tests, each with a name of its own, since all tests share one database. */
final class TestUsers {

	static final String PASSWORD = "correct horse battery";

	private final Accounts accounts;

	private final PasswordEncoder passwordEncoder;

	TestUsers(Accounts accounts, PasswordEncoder passwordEncoder) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
	}

	Accounts accounts() {
		return this.accounts;
	}

	String create(Role role) {
		String name = role.name().toLowerCase() + "-" + UUID.randomUUID();
		create(name, role);
		return name;
	}

	void create(String name, Role role) {
		if (!this.accounts.create(name, this.passwordEncoder.encode(PASSWORD), role)) {
			throw new IllegalStateException("User " + name + " exists");
		}
	}

	static RequestPostProcessor basic(String name) {
		return basic(name, PASSWORD);
	}

	/** Sets the header itself, so the request goes through Sift's own login like a client's. */
	static RequestPostProcessor basic(String name, String password) {
		String credentials = Base64.getEncoder()
			.encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
		return request -> {
			request.addHeader(HttpHeaders.AUTHORIZATION, "Basic " + credentials);
			return request;
		};
	}

	static RequestPostProcessor bearer(String token) {
		return request -> {
			request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
			return request;
		};
	}

}
