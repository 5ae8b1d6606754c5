package dev.sift.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Users at start-up, before the web server takes requests: the configured users that do not exist yet, then, on a
 * database with no user at all, an {@code admin} with a random password that is shown once. There is no default
 * password, so a new installation is never open with a well-known one.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class AccountBootstrap implements SmartInitializingSingleton {

	static final String FIRST_ADMIN = "admin";

	private static final Logger log = LoggerFactory.getLogger(AccountBootstrap.class);

	private final Accounts accounts;

	private final PasswordEncoder passwordEncoder;

	private final SiftSecurityProperties properties;

	AccountBootstrap(Accounts accounts, PasswordEncoder passwordEncoder, SiftSecurityProperties properties) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.properties = properties;
	}

	@Override
	public void afterSingletonsInstantiated() {
		seedConfiguredUsers();
		createFirstAdmin();
		if (!this.accounts.anyActiveAdmin()) {
			log.warn("No enabled ADMIN user: nobody can manage users or tokens. Add one to sift.security.users.");
		}
	}

	void seedConfiguredUsers() {
		for (SiftSecurityProperties.SeedUser user : this.properties.users()) {
			if (this.accounts.create(user.name(), user.passwordHash(), user.role())) {
				log.info("Created user '{}' ({}) from sift.security.users", user.name(), user.role());
			}
		}
	}

	/** Logged, not printed: a service's console is usually its log. */
	void createFirstAdmin() {
		String password = Passwords.random();
		if (this.accounts.createFirst(FIRST_ADMIN, this.passwordEncoder.encode(password), Role.ADMIN)) {
			log.warn("""

					==================== SIFT FIRST START ====================
					Created user '{}' (ADMIN) with this generated password:

					    {}

					It is shown only this once. Sign in and change it:
					PUT /api/users/{} with {"password": "..."}
					==========================================================""", FIRST_ADMIN, password, FIRST_ADMIN);
		}
	}

}
