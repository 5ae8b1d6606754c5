package dev.sift.source;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How sources are named in runs and results. A file is named by its real path (absolute, links resolved), so the same
 * file given as a relative, an absolute or a linked path is one source; a table or query by
 * {@link PostgresSourceSettings#sourceName()}.
 */
public final class SourceNames {

	private SourceNames() {
	}

	/**
	 * The canonical name of an input: a file's real path; a file that does not exist (yet) its absolute, normalised
	 * path; a {@code postgres:} name as it is.
	 */
	public static String canonical(String input) {
		if (input.startsWith(PostgresSourceSettings.SOURCE_PREFIX)) {
			return input;
		}
		Path path = Path.of(input);
		try {
			return path.toRealPath().toString();
		}
		catch (IOException ex) {
			return path.toAbsolutePath().normalize().toString();
		}
	}

}
