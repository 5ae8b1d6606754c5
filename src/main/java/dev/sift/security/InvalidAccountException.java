package dev.sift.security;

/**
 * A user or API token asked for with a value Sift does not accept: a user name, a password, a role or a token name.
 */
public class InvalidAccountException extends RuntimeException {

	InvalidAccountException(String message) {
		super(message);
	}

}
