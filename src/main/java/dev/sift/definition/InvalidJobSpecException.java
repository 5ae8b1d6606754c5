package dev.sift.definition;

import java.util.List;
import java.util.stream.Collectors;

/** One or more job specs are invalid; the message lists every problem, one per line. */
public class InvalidJobSpecException extends RuntimeException {

	private final List<SpecProblem> problems;

	public InvalidJobSpecException(List<SpecProblem> problems) {
		super("Invalid job spec" + (problems.size() == 1 ? "" : "s") + ":\n" + problems.stream()
			.map(problem -> "  " + problem)
			.collect(Collectors.joining("\n")));
		this.problems = List.copyOf(problems);
	}

	public List<SpecProblem> problems() {
		return this.problems;
	}

}
