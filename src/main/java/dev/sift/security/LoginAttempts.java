package dev.sift.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password logins (form and HTTP Basic) with lock-out: wraps the password check, counts consecutive failures in the
 * database and clears them on success. Failures are logged with the user name and address, never the password.
 */
class LoginAttempts implements AuthenticationProvider {

	private static final Logger log = LoggerFactory.getLogger(LoginAttempts.class);

	private final AuthenticationProvider passwords;

	private final Accounts accounts;

	private final SiftSecurityProperties properties;

	LoginAttempts(AuthenticationProvider passwords, Accounts accounts, SiftSecurityProperties properties) {
		this.passwords = passwords;
		this.accounts = accounts;
		this.properties = properties;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String name = authentication.getName();
		try {
			Authentication authenticated = this.passwords.authenticate(authentication);
			this.accounts.clearFailedLogins(name);
			return authenticated;
		}
		catch (BadCredentialsException ex) {
			boolean locked = this.accounts.recordFailedLogin(name, this.properties.maxFailedLogins(),
					this.properties.lockout());
			log.warn("Failed login for user '{}' from {}{}", printable(name), address(authentication),
					locked ? "; locked for " + this.properties.lockout() : "");
			throw ex;
		}
		catch (LockedException ex) {
			log.warn("Login refused for locked user '{}' from {}", printable(name), address(authentication));
			throw ex;
		}
		catch (AuthenticationException ex) {
			log.warn("Login refused for user '{}' from {}: {}", printable(name), address(authentication),
					ex.getClass().getSimpleName());
			throw ex;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.passwords.supports(authentication);
	}

	/** A login name is whatever the client sent: keep it from forging log lines. */
	private static String printable(String name) {
		StringBuilder printable = new StringBuilder();
		name.codePoints()
			.limit(100)
			.forEach(c -> printable.append(Character.isISOControl(c) ? "?" : Character.toString(c)));
		return printable.toString();
	}

	private static String address(Authentication authentication) {
		return authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress()
				: "an unknown address";
	}

}
