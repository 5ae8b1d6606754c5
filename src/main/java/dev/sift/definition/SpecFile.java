package dev.sift.definition;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What reading one spec file found: its problems, and the line of every key for later checks. */
final class SpecFile {

	private final Path path;

	private final List<SpecProblem> problems = new ArrayList<>();

	private final Map<String, Integer> lines = new LinkedHashMap<>();

	SpecFile(Path path) {
		this.path = path;
	}

	Path path() {
		return this.path;
	}

	void problem(int line, String message) {
		problem(line, message, null);
	}

	void problem(int line, String message, String suggestion) {
		this.problems.add(new SpecProblem(this.path, line, message, suggestion));
	}

	int problemCount() {
		return this.problems.size();
	}

	/** In line order, so a file's problems read top to bottom whichever check found them. */
	List<SpecProblem> problems() {
		return this.problems.stream().sorted(Comparator.comparingInt(SpecProblem::line)).toList();
	}

	void line(String keyPath, int line) {
		this.lines.putIfAbsent(keyPath, line);
	}

	Map<String, Integer> lines() {
		return this.lines;
	}

}
