package dev.sift.security;

/** A change would leave no enabled ADMIN, and with it nobody who could manage users. */
public class LastAdminException extends RuntimeException {

	LastAdminException(String name) {
		super("'" + name + "' is the last enabled ADMIN; make another user ADMIN first");
	}

}
