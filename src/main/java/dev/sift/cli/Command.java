package dev.sift.cli;

import java.util.List;

/** A command of Sift's command line, e.g. {@code run} or {@code bench}. */
public interface Command {

	String name();

	/** One line: the command's arguments and what it does. */
	String usage();

	/**
	 * @param arguments the words after the command's name
	 * @return the process exit code
	 */
	int run(List<String> arguments) throws Exception;

}
