package dev.sift.security;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import dev.sift.support.Sha256;

/**
 * The {@code api_token} table. A token is {@code sift_} and 32 random bytes; only its SHA-256 is stored. A fast hash
 * is enough here, unlike for passwords: 256 random bits cannot be guessed however fast guesses are checked, and a
 * fast hash lets every request look its token up by an indexed equality.
 */
@Repository
class ApiTokens {

	private static final String PREFIX = "sift_";

	private static final SecureRandom random = new SecureRandom();

	private final JdbcTemplate jdbc;

	private final Clock clock;

	ApiTokens(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A new token for the user; its secret is in the result and nowhere else. */
	IssuedToken issue(Account creator, String name, Role role) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Timestamp now = Timestamp.from(this.clock.instant());
		Long id = this.jdbc.queryForObject("""
				INSERT INTO api_token (name, secret_sha256, role, user_id, created_at) VALUES (?, ?, ?, ?, ?)
				RETURNING id""", Long.class, name, Sha256.ofText(secret), role.name(), creator.id(), now);
		return new IssuedToken(new ApiToken(id, name, role, creator.name(), now.toInstant(), null), secret);
	}

	List<ApiToken> list() {
		return this.jdbc.query("""
				SELECT t.id, t.name, t.role, u.username, t.created_at, t.revoked_at
				FROM api_token t JOIN sift_user u ON u.id = t.user_id ORDER BY t.id""", ApiTokens::token);
	}

	/** @return false when there is no such token */
	boolean revoke(long id) {
		return this.jdbc.update("UPDATE api_token SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?",
				Timestamp.from(this.clock.instant()), id) == 1;
	}

	/**
	 * The token a client presented, if it is known, not revoked and its creator may still sign in. It acts with its
	 * own role, but never more than its creator has now; a token whose role its creator's role now shares nothing
	 * with (a METRICS token of a user who is now a VIEWER) is refused.
	 */
	Optional<TokenAuthentication> authenticate(String secret) {
		return this.jdbc.query("""
				SELECT t.id, t.name, t.role, u.username, u.role AS user_role
				FROM api_token t JOIN sift_user u ON u.id = t.user_id
				WHERE t.secret_sha256 = ? AND t.revoked_at IS NULL AND u.enabled""",
				ApiTokens::authentication, Sha256.ofText(secret))
			.stream()
			.flatMap(Optional::stream)
			.findFirst();
	}

	private static Optional<TokenAuthentication> authentication(ResultSet row, int rowNumber) throws SQLException {
		long id = row.getLong("id");
		String name = row.getString("name");
		String username = row.getString("username");
		return Role.valueOf(row.getString("role"))
			.atMost(Role.valueOf(row.getString("user_role")))
			.map(role -> new TokenAuthentication(id, name, username, role));
	}

	private static ApiToken token(ResultSet row, int rowNumber) throws SQLException {
		Timestamp revokedAt = row.getTimestamp("revoked_at");
		return new ApiToken(row.getLong("id"), row.getString("name"), Role.valueOf(row.getString("role")),
				row.getString("username"), row.getTimestamp("created_at").toInstant(),
				revokedAt == null ? null : revokedAt.toInstant());
	}

	/** A token just created, with the secret the client must keep: it is shown this once. */
	record IssuedToken(ApiToken token, String secret) {
	}

}
