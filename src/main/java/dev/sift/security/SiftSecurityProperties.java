package dev.sift.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the web service's security, bound from {@code sift.security.*}.
 *
 * @param maxFailedLogins consecutive failed logins (form or Basic) after which a user is locked
 * @param lockout how long a locked user stays locked
 * @param users users created at start-up when missing (existing users are left as they are)
 */
@ConfigurationProperties("sift.security")
record SiftSecurityProperties(@DefaultValue("5") int maxFailedLogins, @DefaultValue("15m") Duration lockout,
		List<SeedUser> users) {

	SiftSecurityProperties {
		if (maxFailedLogins < 1) {
			throw new IllegalArgumentException("sift.security.max-failed-logins must be at least 1, was " + maxFailedLogins);
		}
		if (lockout.isNegative() || lockout.isZero()) {
			throw new IllegalArgumentException("sift.security.lockout must be positive, was " + lockout);
		}
		users = users == null ? List.of() : List.copyOf(users);
	}

	/**
	 * A user from configuration. Only a bcrypt hash is accepted, so no password sits in a configuration file.
	 *
	 * @param name the user name
	 * @param passwordHash bcrypt hash of the password, e.g. from {@code htpasswd -bnBC 10 "" PASSWORD}
	 * @param role ADMIN, REVIEWER or VIEWER
	 */
	record SeedUser(String name, String passwordHash, @DefaultValue("VIEWER") String role) {

		SeedUser {
			Accounts.requireValidName(name);
			if (passwordHash == null || !Passwords.isBcryptHash(passwordHash)) {
				throw new IllegalArgumentException("sift.security.users: the password-hash of '" + name
						+ "' is not a bcrypt hash ($2a$, $2b$ or $2y$ and 60 characters); plain passwords are refused");
			}
			Role.parse(role);
		}

	}

}
