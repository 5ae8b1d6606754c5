package dev.sift.definition;

import java.nio.charset.Charset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import dev.sift.source.CsvSourceSettings;

/**
 * A CSV (or TSV) file, or every file matching a glob.
 *
 * @param path a file, or a glob such as {@code incoming/*.csv}, relative to the working directory
 * @param idColumn the column identifying a record; empty when the file has none (records are then identified by
 * the line they start on)
 * @param header whether the first row names the columns; without one, {@code columns} names them
 * @param columns the column names of a file without a header row, in file order; empty otherwise
 * @param skipLines lines at the start of each file that are not CSV (a tool's console output), skipped unread
 * @param comment the character that starts a comment line, or {@code null} when lines are never comments
 */
public record CsvSourceSpec(String path, char delimiter, Charset encoding, boolean header, List<String> columns,
		String idColumn, List<String> textColumns, List<String> extraColumns, int skipLines, Character comment)
		implements SourceSpec {

	public CsvSourceSpec {
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(encoding, "encoding");
		columns = List.copyOf(columns);
		idColumn = idColumn == null ? "" : idColumn;
		textColumns = List.copyOf(textColumns);
		extraColumns = List.copyOf(extraColumns);
	}

	/** How to read one file of this source. */
	public CsvSourceSettings settingsFor(Path file) {
		return new CsvSourceSettings(file, this.idColumn, this.textColumns, this.extraColumns, this.delimiter,
				this.encoding, this.header ? List.of() : this.columns, this.skipLines, this.comment);
	}

	/** A file, or the files matching a glob, in name order. */
	public static List<Path> files(String path) {
		if (!isGlob(path)) {
			Path file = Path.of(path);
			return Files.isRegularFile(file) ? List.of(file) : List.of();
		}
		int lastSeparator = path.lastIndexOf('/', indexOfGlob(path));
		// Walked from the deepest directory without a glob character, and matched as written in the spec.
		boolean relativeToHere = lastSeparator < 0;
		Path base = relativeToHere ? Path.of(".") : Path.of(path.substring(0, lastSeparator + 1));
		if (!Files.isDirectory(base)) {
			return List.of();
		}
		PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + path);
		try (Stream<Path> paths = Files.walk(base)) {
			return paths.map(found -> relativeToHere ? base.relativize(found) : found)
				.filter(found -> Files.isRegularFile(found) && matcher.matches(found))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list " + base.toAbsolutePath(), ex);
		}
	}

	public static boolean isGlob(String path) {
		return indexOfGlob(path) >= 0;
	}

	private static int indexOfGlob(String path) {
		for (int i = 0; i < path.length(); i++) {
			if ("*?[{".indexOf(path.charAt(i)) >= 0) {
				return i;
			}
		}
		return -1;
	}

}
