package dev.sift.doctor;

/**
 * One row of {@code doctor}'s table: what was checked, how it went, what was found, and what to do when it did not
 * pass.
 *
 * @param check what was checked, e.g. {@code model checksum}
 * @param status how it went
 * @param value what was found
 * @param action what to do about it; empty when it passed
 */
record Finding(String check, Status status, String value, String action) {

	enum Status {

		/** As it should be. */
		PASS,

		/** Works, but not as it should for production: data at risk, a GPU asked for and not used. */
		WARN,

		/** Keeps runs from working. */
		FAIL

	}

	static Finding pass(String check, String value) {
		return new Finding(check, Status.PASS, value, "");
	}

	static Finding warn(String check, String value, String action) {
		return new Finding(check, Status.WARN, value, action);
	}

	static Finding fail(String check, String value, String action) {
		return new Finding(check, Status.FAIL, value, action);
	}

}
