package dev.sift.definition;

import java.nio.file.Path;

/**
 * Something wrong in a job spec, where it is, and what would fix it.
 *
 * @param suggestion a fix, such as the key or column probably meant, or {@code null}
 */
public record SpecProblem(Path file, int line, String message, String suggestion) {

	@Override
	public String toString() {
		return this.file + ":" + this.line + ": " + this.message
				+ (this.suggestion == null ? "" : " (" + this.suggestion + ")");
	}

}
