package dev.sift.model;

/**
 * A request the model cannot run: an unsupported output schema, an option out of range, or a prompt longer than a
 * slot's context. Raised in Java before anything reaches native code, where bad input would kill the JVM.
 */
public class InvalidModelRequestException extends RuntimeException {

	public InvalidModelRequestException(String message) {
		super(message);
	}

}
