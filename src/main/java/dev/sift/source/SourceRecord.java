package dev.sift.source;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One record read from a source file, good or not.
 * <p>
 * Records that cannot be classified are not dropped: they carry a {@code problem} so the job can
 * store them as failed with a reason a person can act on.
 *
 * @param source  the file name as configured
 * @param id      the record id; {@code line-N} when the file's id is missing or cannot be trusted
 * @param text    the text to classify, surrounding whitespace removed
 * @param fields  the configured extra columns, in configured order
 * @param line    the 1-based physical line where the record starts
 * @param problem null for a good record, otherwise why it cannot be used, naming file and line
 */
public record SourceRecord(String source, String id, String text, Map<String, String> fields, long line,
		String problem) {

	public SourceRecord {
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(text, "text");
		fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
	}

	public static SourceRecord good(String source, String id, String text, Map<String, String> fields, long line) {
		return new SourceRecord(source, id, text, fields, line, null);
	}

	/**
	 * A record that cannot be used; {@code reason} is prefixed with file and line so the stored
	 * failure is understandable without the log.
	 */
	public static SourceRecord problem(String source, String id, String text, Map<String, String> fields,
			long line, String reason) {
		return new SourceRecord(source, id, text, fields, line, location(source, line) + ": " + reason);
	}

	/** A record for a line whose content could not be split into columns at all. */
	public static SourceRecord problem(String source, long line, String text, String reason) {
		return problem(source, syntheticId(line), text, Map.of(), line, reason);
	}

	/** The text of several text columns: the non-blank ones, stripped, with a blank line between them. */
	static String joinText(List<String> values) {
		return values.stream()
				.filter(value -> value != null && !value.isBlank())
				.map(String::strip)
				.collect(Collectors.joining("\n\n"));
	}

	/** Stable across reruns of the same file, so storing it again updates rather than duplicates. */
	public static String syntheticId(long line) {
		return "line-" + line;
	}

	/** The same record with another text: a part of a long one, say. */
	public SourceRecord withText(String text) {
		return new SourceRecord(this.source, this.id, text, this.fields, this.line, this.problem);
	}

	/** Where the record starts, as failure reasons name it: {@code file line N}. */
	public String location() {
		return location(source, line);
	}

	private static String location(String source, long line) {
		return source + " line " + line;
	}

	public boolean hasProblem() {
		return problem != null;
	}
}
