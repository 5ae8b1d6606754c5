package dev.sift.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import dev.sift.support.Excerpt;

/**
 * What a user or token may do. ADMIN includes REVIEWER, which includes VIEWER; ADMIN also includes METRICS, the role
 * of a Prometheus scraper, which may read {@code /actuator/prometheus} and nothing else. {@link #includes} is the one
 * definition of what includes what: the role hierarchy of the web service is built from it.
 */
enum Role {

	ADMIN, REVIEWER, VIEWER, METRICS;

	GrantedAuthority authority() {
		return new SimpleGrantedAuthority("ROLE_" + name());
	}

	boolean includes(Role other) {
		return switch (this) {
			case ADMIN -> true;
			case REVIEWER -> other == REVIEWER || other == VIEWER;
			case VIEWER, METRICS -> other == this;
		};
	}

	/**
	 * The most of this role that {@code other} also allows: what a token may do when its creator has since been given
	 * less. Empty when the two share nothing, as a METRICS token of a user who is now a VIEWER.
	 */
	Optional<Role> atMost(Role other) {
		if (other.includes(this)) {
			return Optional.of(this);
		}
		return this.includes(other) ? Optional.of(other) : Optional.empty();
	}

	static Role parse(String value) {
		try {
			return valueOf(value.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidAccountException("Unknown role '" + Excerpt.of(value) + "'; roles are "
					+ Arrays.stream(values()).map(Role::name).collect(Collectors.joining(", ")));
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
