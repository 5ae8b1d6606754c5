package dev.sift.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import dev.sift.definition.CsvSourceSpec;
import dev.sift.support.Excerpt;

/**
 * Which input files a run started through the service may read: one existing file under one of
 * {@code sift.service.input-dirs}, also after following links, so a caller cannot make a job read (and store in its
 * results) any file the process can open.
 */
final class InputPaths {

	private final List<Path> directories;

	InputPaths(List<Path> directories) {
		this.directories = List.copyOf(directories);
	}

	/**
	 * @return {@code input}, unchanged: results name their source as the input was given
	 * @throws InvalidRunRequestException when the input is a glob, climbs with {@code ..}, or is (or links to) a file
	 * outside the input directories or no regular file
	 */
	String check(String input) {
		if (CsvSourceSpec.isGlob(input)) {
			throw invalid("'" + Excerpt.of(input) + "' is a glob; a run reads one file, so start one run per file");
		}
		Path given = parse(input);
		for (Path segment : given) {
			if (segment.toString().equals("..")) {
				throw invalid("'" + Excerpt.of(input) + "' may not contain '..'; " + allowed());
			}
		}
		Path absolute = given.toAbsolutePath().normalize();
		// Checked before the file system is asked anything, so existence outside the directories is never revealed.
		if (this.directories.stream().map(InputPaths::absolute).noneMatch(absolute::startsWith)) {
			throw outside(input);
		}
		if (!Files.isRegularFile(absolute)) {
			throw invalid("file " + Excerpt.of(input) + " does not exist");
		}
		Path real = realPath(absolute);
		if (this.directories.stream().map(InputPaths::absolute).filter(Files::isDirectory).map(InputPaths::realPath)
			.noneMatch(real::startsWith)) {
			throw outside(input);
		}
		return input;
	}

	private static Path parse(String input) {
		try {
			return Path.of(input);
		}
		catch (InvalidPathException ex) {
			throw invalid("'" + Excerpt.of(input) + "' is not a valid path");
		}
	}

	private InvalidRunRequestException outside(String input) {
		return invalid(Excerpt.of(input) + " is outside the input directories; " + allowed());
	}

	private static InvalidRunRequestException invalid(String reason) {
		return new InvalidRunRequestException("input", reason);
	}

	private String allowed() {
		return "input files must lie in " + this.directories.stream()
			.map(InputPaths::absolute)
			.map(Path::toString)
			.collect(Collectors.joining(", ")) + " (sift.service.input-dirs)";
	}

	private static Path absolute(Path directory) {
		return directory.toAbsolutePath().normalize();
	}

	private static Path realPath(Path path) {
		try {
			return path.toRealPath();
		}
		catch (IOException ex) {
			throw invalid("cannot resolve " + Excerpt.of(path.toString()) + ": " + ex.getClass().getSimpleName());
		}
	}

}
