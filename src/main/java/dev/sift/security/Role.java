package dev.sift.security;

import java.util.Locale;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import dev.sift.support.Excerpt;

/** What a user or token may do; each role includes the ones below it (see the role hierarchy). */
enum Role {

	ADMIN, REVIEWER, VIEWER;

	GrantedAuthority authority() {
		return new SimpleGrantedAuthority("ROLE_" + name());
	}

	boolean includes(Role other) {
		return ordinal() <= other.ordinal();
	}

	/** The lower of two roles: what a token may do when its creator has since been given less. */
	Role atMost(Role other) {
		return includes(other) ? other : this;
	}

	static Role parse(String value) {
		try {
			return valueOf(value.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidAccountException(
					"Unknown role '" + Excerpt.of(value) + "'; roles are ADMIN, REVIEWER and VIEWER");
		}
	}

	static Role of(Iterable<? extends GrantedAuthority> authorities) {
		Role highest = null;
		for (GrantedAuthority authority : authorities) {
			for (Role role : values()) {
				if (role.authority().getAuthority().equals(authority.getAuthority())
						&& (highest == null || role.includes(highest))) {
					highest = role;
				}
			}
		}
		if (highest == null) {
			throw new IllegalStateException("No Sift role among " + authorities);
		}
		return highest;
	}

}
