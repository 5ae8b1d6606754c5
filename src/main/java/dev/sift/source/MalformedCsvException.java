package dev.sift.source;

/**
 * The parser cannot continue: quoting is broken from {@code line} on. The parser's own line numbers and positions
 * in the message count from {@code start}.
 */
final class MalformedCsvException extends RuntimeException {

	private final long line;

	private final transient CsvRows.Start start;

	MalformedCsvException(long line, CsvRows.Start start, String message, Throwable cause) {
		super(message, cause);
		this.line = line;
		this.start = start;
	}

	long line() {
		return line;
	}

	/** Where the parser that failed started reading. */
	CsvRows.Start start() {
		return start;
	}
}
