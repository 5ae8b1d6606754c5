package dev.sift.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Users for tests outside the security package, stored straight into {@code sift_user} with {@link #PASSWORD}. Each
 * gets a name of its own, since all tests share one database.
 */
public final class TestAccounts {

	public static final String PASSWORD = "test account password";

	private TestAccounts() {
	}

	/** A new user with this role; its name starts with {@code prefix} and the role. */
	public static String create(JdbcTemplate jdbc, PasswordEncoder passwordEncoder, String prefix, String role) {
		String name = prefix + role.toLowerCase() + "-" + UUID.randomUUID();
		jdbc.update("INSERT INTO sift_user (username, password_hash, role) VALUES (?, ?, ?)", name,
				passwordEncoder.encode(PASSWORD), role);
		return name;
	}

	/** The value of an {@code Authorization} header signing in as {@code name} with HTTP Basic. */
	public static String basic(String name) {
		return "Basic " + Base64.getEncoder().encodeToString((name + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

}
