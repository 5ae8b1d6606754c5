package dev.sift.security;

import java.time.Instant;

/** A row of {@code sift_user}. */
record Account(long id, String name, String passwordHash, Role role, boolean enabled, int failedAttempts,
		Instant lockedUntil, Instant createdAt) {

	boolean lockedAt(Instant now) {
		return this.lockedUntil != null && this.lockedUntil.isAfter(now);
	}

	boolean activeAdmin() {
		return this.role == Role.ADMIN && this.enabled;
	}

}
