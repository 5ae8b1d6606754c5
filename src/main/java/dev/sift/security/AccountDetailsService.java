package dev.sift.security;

import java.time.Clock;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/** Users for form login and HTTP Basic, read from {@code sift_user} on every login so every instance agrees. */
class AccountDetailsService implements UserDetailsService {

	private final Accounts accounts;

	private final Clock clock;

	AccountDetailsService(Accounts accounts, Clock clock) {
		this.accounts = accounts;
		this.clock = clock;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		Account account = this.accounts.find(username)
			.orElseThrow(() -> new UsernameNotFoundException("No such user"));
		return User.withUsername(account.name())
			.password(account.passwordHash())
			.authorities(account.role().authority())
			.disabled(!account.enabled())
			.accountLocked(account.lockedAt(this.clock.instant()))
			.build();
	}

}
