package dev.sift.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code sift_user} table. Every value goes in as a parameter: user names are data, never SQL. A name is found
 * whatever its case ({@code Admin} is {@code admin}), so two users never differ only in case and signing in does not
 * depend on it; a user keeps the name as created.
 */
@Repository
class Accounts {

	private static final String COLUMNS = "id, username, password_hash, role, enabled, failed_attempts, locked_until, created_at";

	static final int MAX_NAME_LENGTH = 100;

	/** No colon and no control characters, as a regular expression (configured users are checked against it). */
	static final String NAME_CHARACTERS = "[^:\\p{Cc}]*";

	private static final Pattern NAME = Pattern.compile(NAME_CHARACTERS);

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	Accounts(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/**
	 * Any printable text will do, but a colon would make the name unusable with HTTP Basic, and control characters
	 * could forge log lines.
	 */
	static void requireValidName(String name) {
		if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
			throw new InvalidAccountException("A user name needs 1 to " + MAX_NAME_LENGTH + " characters");
		}
		if (!NAME.matcher(name).matches()) {
			throw new InvalidAccountException("A user name may not contain ':' or control characters");
		}
	}

	Optional<Account> find(String name) {
		return this.jdbc
			.query("SELECT " + COLUMNS + " FROM sift_user WHERE lower(username) = lower(?)", Accounts::account, name)
			.stream()
			.findFirst();
	}

	List<Account> list() {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM sift_user ORDER BY username", Accounts::account);
	}

	/** @return false when a user of that name exists, in any case */
	boolean create(String name, String passwordHash, Role role) {
		requireValidName(name);
		return this.jdbc.update("""
				INSERT INTO sift_user (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)
				ON CONFLICT ((lower(username))) DO NOTHING""", name, passwordHash, role.name(), now()) == 1;
	}

	/**
	 * Creates the first user, only while there is no user at all. Two instances starting on an empty database at
	 * once cannot both succeed: the name is unique.
	 */
	boolean createFirst(String name, String passwordHash, Role role) {
		return this.jdbc.update("""
				INSERT INTO sift_user (username, password_hash, role, created_at)
				SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM sift_user)
				ON CONFLICT ((lower(username))) DO NOTHING""", name, passwordHash, role.name(), now()) == 1;
	}

	boolean anyActiveAdmin() {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(
				"SELECT EXISTS (SELECT 1 FROM sift_user WHERE role = 'ADMIN' AND enabled)", Boolean.class));
	}

	/**
	 * Changes what is given (null leaves a field as it is); changing the password also lifts a lock-out.
	 * @return the changed account, empty when there is no such user
	 * @throws LastAdminException when the change would leave no enabled ADMIN
	 */
	Optional<Account> update(String name, Role role, Boolean enabled, String passwordHash) {
		return this.transactions.execute(status -> {
			Optional<Account> existing = find(name);
			if (existing.isEmpty()) {
				return existing;
			}
			boolean staysActiveAdmin = (role == null ? existing.get().role() : role) == Role.ADMIN
					&& (enabled == null ? existing.get().enabled() : enabled);
			if (!staysActiveAdmin) {
				requireAnotherActiveAdmin(existing.get());
			}
			this.jdbc.update("""
					UPDATE sift_user SET role = coalesce(?, role), enabled = coalesce(?, enabled),
					    password_hash = coalesce(?, password_hash),
					    failed_attempts = CASE WHEN ? THEN 0 ELSE failed_attempts END,
					    locked_until = CASE WHEN ? THEN NULL ELSE locked_until END
					WHERE id = ?""", role == null ? null : role.name(), enabled, passwordHash,
					passwordHash != null, passwordHash != null, existing.get().id());
			return find(name);
		});
	}

	/**
	 * @return false when there is no such user
	 * @throws LastAdminException when this is the last enabled ADMIN
	 */
	boolean delete(String name) {
		return Boolean.TRUE.equals(this.transactions.execute(status -> {
			Optional<Account> existing = find(name);
			if (existing.isEmpty()) {
				return false;
			}
			requireAnotherActiveAdmin(existing.get());
			return this.jdbc.update("DELETE FROM sift_user WHERE id = ?", existing.get().id()) == 1;
		}));
	}

	/**
	 * Counts a failed login and locks the user when this failure reaches the limit; the count starts again from 0
	 * so that a user gets the full number of tries once the lock-out has passed.
	 * @return whether this failure locked the user
	 */
	boolean recordFailedLogin(String name, int maxFailedLogins, Duration lockout) {
		Instant now = this.clock.instant();
		List<Boolean> locked = this.jdbc.queryForList("""
				UPDATE sift_user SET
				    locked_until = CASE WHEN failed_attempts + 1 >= ? THEN ? ELSE locked_until END,
				    failed_attempts = CASE WHEN failed_attempts + 1 >= ? THEN 0 ELSE failed_attempts + 1 END
				WHERE lower(username) = lower(?) AND (locked_until IS NULL OR locked_until <= ?)
				RETURNING locked_until > ?""", Boolean.class, maxFailedLogins, Timestamp.from(now.plus(lockout)),
				maxFailedLogins, name, Timestamp.from(now), Timestamp.from(now));
		return locked.size() == 1 && Boolean.TRUE.equals(locked.get(0));
	}

	/** Only writes when there is something to clear: HTTP Basic logs in on every request. */
	void clearFailedLogins(String name) {
		this.jdbc.update("""
				UPDATE sift_user SET failed_attempts = 0, locked_until = NULL
				WHERE lower(username) = lower(?) AND (failed_attempts <> 0 OR locked_until IS NOT NULL)""", name);
	}

	/**
	 * Locks the admin rows for the rest of the transaction, so that two concurrent changes cannot each see the other
	 * admin and together remove both.
	 */
	private void requireAnotherActiveAdmin(Account account) {
		if (!account.activeAdmin()) {
			return;
		}
		List<String> admins = this.jdbc.queryForList(
				"SELECT username FROM sift_user WHERE role = 'ADMIN' AND enabled ORDER BY id FOR UPDATE", String.class);
		if (admins.size() <= 1 && admins.contains(account.name())) {
			throw new LastAdminException(account.name());
		}
	}

	private Timestamp now() {
		return Timestamp.from(this.clock.instant());
	}

	private static Account account(ResultSet row, int rowNumber) throws SQLException {
		Timestamp lockedUntil = row.getTimestamp("locked_until");
		return new Account(row.getLong("id"), row.getString("username"), row.getString("password_hash"),
				Role.valueOf(row.getString("role")), row.getBoolean("enabled"), row.getInt("failed_attempts"),
				lockedUntil == null ? null : lockedUntil.toInstant(), row.getTimestamp("created_at").toInstant());
	}

}
