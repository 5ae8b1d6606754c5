package dev.sift.source;

/** The parser cannot continue: quoting is broken from {@code line} on. */
final class MalformedCsvException extends RuntimeException {

	private final long line;

	MalformedCsvException(long line, String message, Throwable cause) {
		super(message, cause);
		this.line = line;
	}

	long line() {
		return line;
	}
}
