package dev.sift.security;

import java.time.Instant;

/** An API token as listed: everything but the secret, which is never stored. */
record ApiToken(long id, String name, Role role, String createdBy, Instant createdAt, Instant revokedAt) {
}
