package dev.sift.source;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a CSV file cannot be read past a record: Commons CSV stops at broken quoting and cannot find the next record
 * boundary after it. Its errors are told apart here, from their messages and the line they point at, so the person
 * fixing the file knows what to change: a quote that never closes, or text after a closing quote (a quote inside a
 * quoted field that is not doubled, another delimiter, or backslash escapes).
 *
 * @param line the line the broken record starts on; nothing from there on can be read
 * @param cause what is wrong, naming the lines concerned
 * @param fix what to change in the file (or the spec)
 * @param rawLine the record's first line as written, kept with the problem record for inspection
 */
public record BrokenQuoting(long line, String cause, String fix, String rawLine) {

	/** Commons CSV 1.14: {@code (startline %,d) EOF reached before encapsulated token finished}. */
	private static final Pattern END_OF_FILE_IN_QUOTES = Pattern.compile("startline ([^)]+)\\) EOF reached");

	/** Commons CSV 1.14: {@code Invalid character between encapsulated token and delimiter at line: %,d, position: %,d}. */
	private static final Pattern TEXT_AFTER_QUOTE = Pattern.compile("between encapsulated token and delimiter .*position: (.+)$");

	private static final int EXCERPT_BEFORE = 30;

	private static final int EXCERPT_AFTER = 12;

	private static final char QUOTE = '"';

	private static final String DOUBLING = "a quote inside a quoted field is written as two quotes (\"\")";

	private static final String CLOSE_OR_DOUBLE = "close the quote, or write a quote that belongs to the text as two "
			+ "quotes (\"\")";

	/** What a run or {@code validate} says: where reading stopped, why, and how much came before. */
	public String summary(Object file, long recordsBefore) {
		return file + " cannot be read past line " + this.line + ": " + this.cause + "; " + recordsBefore
				+ (recordsBefore == 1 ? " record" : " records") + " before line " + this.line
				+ " can be read, nothing from there on";
	}

	/** The reason stored with the broken record. */
	String reason() {
		return this.cause + "; nothing from this line to the end of the file could be read (" + this.fix + ")";
	}

	/**
	 * The parser's line numbers and positions count from where it started reading ({@link MalformedCsvException#start()}):
	 * the line after the skipped ones, or a range's first line. The lines named are the file's.
	 */
	static BrokenQuoting diagnose(CsvSourceSettings settings, MalformedCsvException error) {
		CsvRows.Start parserStart = error.start();
		String rawLine = rawLine(settings, parserStart, error.line());
		Matcher endOfFile = END_OF_FILE_IN_QUOTES.matcher(error.getMessage());
		if (endOfFile.find()) {
			long parserLine = number(endOfFile.group(1), 0);
			long start = parserLine == 0 ? error.line() : parserStart.line() - 1 + parserLine;
			return new BrokenQuoting(error.line(), "unterminated quote: the quoted field that starts on line " + start
					+ " is never closed, so the rest of the file reads as part of it",
					CLOSE_OR_DOUBLE.replace("the quote", "the quote on line " + start), rawLine);
		}
		Matcher textAfterQuote = TEXT_AFTER_QUOTE.matcher(error.getMessage());
		PhysicalLine at = textAfterQuote.find()
				? lineHolding(settings, parserStart, number(textAfterQuote.group(1), 0) - 1) : null;
		if (at == null) {
			return new BrokenQuoting(error.line(), "broken quoting (" + error.getMessage() + ")", CLOSE_OR_DOUBLE,
					rawLine);
		}
		return afterClosingQuote(settings.delimiter(), error.line(), at, rawLine);
	}

	/**
	 * The parser took a quote for the end of a quoted field and found text after it on line {@code at}. When that
	 * quote opens a field of a later line, it is the quote of an earlier line that never closed.
	 */
	private static BrokenQuoting afterClosingQuote(char delimiter, long recordLine, PhysicalLine at, String rawLine) {
		int quote = at.column() - 1;
		while (quote >= 0 && at.charAt(quote) != QUOTE) {
			quote--;
		}
		char before = at.charAt(quote - 1);
		if (at.number() > recordLine && (quote == 0 || before == delimiter)) {
			return new BrokenQuoting(recordLine, "unterminated quote: a quoted field on line " + recordLine
					+ " is never closed; it runs on to the quote that opens a field on line " + at.number(),
					CLOSE_OR_DOUBLE.replace("the quote", "the quote on line " + recordLine), rawLine);
		}
		String found = "text after a closing quote on line " + at.number() + ", at '" + excerpt(at, quote) + "'";
		char after = at.charAt(at.column());
		if (after != delimiter && ColumnLayout.LIKELY_DELIMITERS.indexOf(after) >= 0) {
			return new BrokenQuoting(recordLine, found + ": the file looks " + ColumnLayout.named(after)
					+ "-separated, but the spec's delimiter is " + ColumnLayout.named(delimiter),
					"set source.delimiter to " + ColumnLayout.named(after) + " in the spec", rawLine);
		}
		if (before == '\\') {
			return new BrokenQuoting(recordLine, found + ": the file escapes quotes with a backslash (\\\"), but in CSV "
					+ DOUBLING, "export the file as standard CSV (RFC 4180), or replace \\\" with \"\"", rawLine);
		}
		if (at.text().indexOf(QUOTE + String.valueOf(delimiter) + QUOTE) >= 0) {
			return new BrokenQuoting(recordLine, found + ": every field is wrapped in quotes, but the quotes inside "
					+ "the fields are not doubled, as some exports do; in CSV " + DOUBLING,
					"write the quotes inside the fields as two quotes (\"a \"\"word\"\" in quotes\"), or export the "
							+ "file as standard CSV (RFC 4180)", rawLine);
		}
		return new BrokenQuoting(recordLine, found + ": " + DOUBLING,
				"write each quote inside the quoted field as two quotes (\"\"), or remove the text after its closing "
						+ "quote", rawLine);
	}

	/** Some text before the quote the parser took as closing, and the few characters after it. */
	private static String excerpt(PhysicalLine at, int quote) {
		int from = Math.max(0, quote - EXCERPT_BEFORE);
		int to = Math.min(at.text().length(), at.column() + EXCERPT_AFTER);
		return (from > 0 ? "…" : "") + at.text().substring(from, to).replace("\t", "\\t")
				+ (to < at.text().length() ? "…" : "");
	}

	private static PhysicalLine lineHolding(CsvSourceSettings settings, CsvRows.Start parserStart, long index) {
		try {
			return index < 0 ? null : CsvRows.lineHolding(settings, parserStart, index);
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static String rawLine(CsvSourceSettings settings, CsvRows.Start parserStart, long line) {
		try {
			PhysicalLine first = CsvRows.line(settings, parserStart, line);
			return first == null ? "" : first.text();
		}
		catch (IOException ex) {
			return "";
		}
	}

	/** Commons CSV formats numbers with the default locale's grouping ({@code %,d}): only the digits count. */
	private static long number(String formatted, long otherwise) {
		String digits = formatted.replaceAll("\\D", "");
		return digits.isEmpty() ? otherwise : Long.parseLong(digits);
	}

}
