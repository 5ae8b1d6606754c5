package dev.sift.run;

/** A run asked for with a value the service does not accept, such as an input file outside the input dirs. */
public class InvalidRunRequestException extends RunRefusedException {

	private final String parameter;

	public InvalidRunRequestException(String parameter, String reason) {
		super(parameter + ": " + reason);
		this.parameter = parameter;
	}

	/** The part of the request that is wrong, such as {@code input}. */
	public String parameter() {
		return this.parameter;
	}

}
