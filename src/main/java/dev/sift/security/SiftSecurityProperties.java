package dev.sift.security;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the web service's security, bound from {@code sift.security.*}.
 *
 * @param maxFailedLogins consecutive failed logins (form or Basic) after which a user is locked
 * @param lockout how long a locked user stays locked
 * @param users users created at start-up when missing (existing users are left as they are)
 */
@Validated
@ConfigurationProperties("sift.security")
record SiftSecurityProperties(@DefaultValue("5") @Min(1) int maxFailedLogins,
		@DefaultValue("15m") @DurationMin(nanos = 0, inclusive = false) Duration lockout,
		@Valid List<SeedUser> users) {

	SiftSecurityProperties {
		users = users == null ? List.of() : List.copyOf(users);
	}

	/**
	 * A user from configuration. Only a bcrypt hash is accepted, so no password sits in a configuration file.
	 *
	 * @param name the user name
	 * @param passwordHash bcrypt hash of the password, e.g. from {@code htpasswd -bnBC 10 "" PASSWORD}
	 * @param role ADMIN, REVIEWER, VIEWER or METRICS, in any case
	 */
	record SeedUser(
			@NotBlank @Size(max = Accounts.MAX_NAME_LENGTH) @Pattern(regexp = Accounts.NAME_CHARACTERS,
					message = "must not contain ':' or control characters") String name,
			@NotNull @Pattern(regexp = Passwords.BCRYPT_HASH, message = "must be a bcrypt hash ($2a$, $2b$ or $2y$ "
					+ "and 60 characters); plain passwords are refused") String passwordHash,
			@DefaultValue("VIEWER") Role role) {

	}

}
