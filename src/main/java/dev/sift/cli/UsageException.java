package dev.sift.cli;

/**
 * The command line asks for something that is not there or not possible: an unknown command, job or option, a
 * missing argument, a file that does not exist. Reported on one screen with the command's usage, without a stack
 * trace; the command line adds the usage of the command that threw it.
 */
public class UsageException extends IllegalArgumentException {

	private final String usage;

	public UsageException(String message) {
		this(message, null, null);
	}

	private UsageException(String message, String usage, Throwable cause) {
		super(message, cause);
		this.usage = usage;
	}

	/** The same problem, with how the command is used. */
	UsageException withUsage(String usage) {
		return new UsageException(getMessage(), usage, this);
	}

	/** How the command is used, or {@code null} when not known. */
	String usage() {
		return this.usage;
	}

}
