package dev.sift.cli;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Sift's command line: the first word names a {@link Command} ({@code serve} when there is none), the rest are its
 * arguments; {@code --name=value} options set properties. Off with {@code sift.command-line.enabled=false}, for
 * embedding Sift in tests or other applications.
 */
@Component
@ConditionalOnProperty(name = "sift.command-line.enabled", matchIfMissing = true)
public class CommandLine implements ApplicationRunner, ExitCodeGenerator {

	static final String DEFAULT_COMMAND = ServeCommand.NAME;

	/** The command that makes this process a worker, until it is stopped. */
	public static final String WORKER = "worker";

	private final Map<String, Command> commands;

	private int exitCode;

	public CommandLine(List<Command> commands) {
		this.commands = commands.stream().collect(Collectors.toMap(Command::name, Function.identity()));
	}

	/**
	 * Whether these process arguments start the web service rather than a command that ends: decided before Spring
	 * starts, since only the service needs a web server. Read the way {@link #run} reads them.
	 */
	public static boolean serves(String... args) {
		return commandName(new DefaultApplicationArguments(args).getNonOptionArgs()).equals(ServeCommand.NAME);
	}

	/**
	 * Whether these process arguments start a worker: it needs no web server, but runs until it is stopped, taking
	 * partitions of runs ({@code sift.worker.enabled}).
	 */
	public static boolean works(String... args) {
		return commandName(new DefaultApplicationArguments(args).getNonOptionArgs()).equals(WORKER);
	}

	private static String commandName(List<String> words) {
		return words.isEmpty() ? DEFAULT_COMMAND : words.get(0);
	}

	@Override
	public void run(ApplicationArguments arguments) throws Exception {
		List<String> words = arguments.getNonOptionArgs();
		String name = commandName(words);
		Command command = this.commands.get(name);
		if (command == null) {
			throw new UsageException("Unknown command '" + name + "'").withUsage(usage());
		}
		try {
			this.exitCode = command.run(words.isEmpty() ? List.of() : words.subList(1, words.size()));
		}
		catch (UsageException ex) {
			throw ex.usage() == null ? ex.withUsage("  " + command.name() + " " + command.usage()) : ex;
		}
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	private String usage() {
		return this.commands.values()
			.stream()
			.map(command -> "  " + command.name() + " " + command.usage())
			.sorted()
			.collect(Collectors.joining("\n"));
	}

}
