package dev.sift.api;

/** A query or body parameter with a value the API does not accept. */
class InvalidParameterException extends RuntimeException {

	private final String parameter;

	InvalidParameterException(String parameter, String reason) {
		super(parameter + ": " + reason);
		this.parameter = parameter;
	}

	String parameter() {
		return this.parameter;
	}

}
