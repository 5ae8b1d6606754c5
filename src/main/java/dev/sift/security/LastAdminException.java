package dev.sift.security;

/** A change would leave no enabled ADMIN, and with it nobody who could manage users. */
class LastAdminException extends IllegalStateException {

	LastAdminException(String name) {
		super("'" + name + "' is the last enabled ADMIN; make another user ADMIN first");
	}

}
