package dev.sift.source;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.util.Iterator;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The non-blank rows of a CSV file, each with the physical line it starts on.
 */
final class CsvRows implements Closeable {

	private static final char BYTE_ORDER_MARK = '\uFEFF';

	private final CSVParser parser;
	private final Iterator<CSVRecord> records;
	/** Lines of the file before the parser's first: those of {@link CsvSourceSettings#skipLines()}. */
	private final long skippedLines;
	private long linesConsumed;

	private CsvRows(CSVParser parser, long skippedLines) {
		this.parser = parser;
		this.records = parser.iterator();
		this.skippedLines = skippedLines;
	}

	static CsvRows open(CsvSourceSettings settings) throws IOException {
		CSVFormat format = CSVFormat.RFC4180.builder()
				.setDelimiter(settings.delimiter())
				// Skipped here instead: the parser would consume blank lines unseen, shifting the start line of the next record.
				.setIgnoreEmptyLines(false)
				.setCommentMarker(settings.commentMarker())
				.get();
		PushbackReader reader = withoutByteOrderMark(decodingReader(settings));
		try {
			skipLines(reader, settings.skipLines());
			return new CsvRows(CSVParser.builder().setReader(reader).setFormat(format).get(), settings.skipLines());
		} catch (IOException | RuntimeException e) {
			reader.close();
			throw e;
		}
	}

	/**
	 * Returns the next non-blank row, or null at the end of the file.
	 *
	 * @throws MalformedCsvException when quoting is broken; the parser cannot resynchronise after that
	 */
	CsvRow next() {
		while (true) {
			long startLine = skippedLines + linesConsumed + 1;
			if (!hasNextRecord(startLine)) {
				return null;
			}
			CSVRecord record = records.next();
			CsvRow row = new CsvRow(record.toList(), startLine + commentLines(record));
			linesConsumed = parser.getCurrentLineNumber();
			if (!row.isBlankLine()) {
				return row;
			}
		}
	}

	@Override
	public void close() throws IOException {
		parser.close();
	}

	/**
	 * The physical line holding the character at {@code index} of the file as the parser reads it (decoded, without
	 * a byte order mark), to show where a parse error is. Parser positions count the same characters, and lines end
	 * at {@code \n}, {@code \r\n} or {@code \r} as the parser's line numbers do.
	 *
	 * @return the line, or null when the file is shorter than that
	 */
	static PhysicalLine lineHolding(CsvSourceSettings settings, long index) throws IOException {
		long skipped;
		try (PushbackReader reader = withoutByteOrderMark(decodingReader(settings))) {
			skipped = skipLines(reader, settings.skipLines());
		}
		return scan(settings, (line, position) -> position == skipped + index);
	}

	/** Physical line {@code number} (its column is 0), or null when it is empty or the file is shorter. */
	static PhysicalLine line(CsvSourceSettings settings, long number) throws IOException {
		return scan(settings, (line, position) -> line == number);
	}

	/** The line of the first character (not a line break) that {@code wanted} accepts, with its column. */
	private static PhysicalLine scan(CsvSourceSettings settings, CharacterTest wanted) throws IOException {
		try (Reader reader = new BufferedReader(withoutByteOrderMark(decodingReader(settings)))) {
			StringBuilder text = new StringBuilder();
			long number = 1;
			int column = -1;
			boolean afterCarriageReturn = false;
			for (long position = 0;; position++) {
				int c = reader.read();
				boolean lineBreak = c == '\r' || c == '\n';
				if (c == -1 || (lineBreak && column >= 0)) {
					return column < 0 ? null : new PhysicalLine(number, text.toString(), column);
				}
				if (lineBreak) {
					number += c == '\n' && afterCarriageReturn ? 0 : 1;
					text.setLength(0);
				}
				else {
					if (column < 0 && wanted.test(number, position)) {
						column = text.length();
					}
					text.append((char) c);
				}
				afterCarriageReturn = c == '\r';
			}
		}
	}

	@FunctionalInterface
	private interface CharacterTest {

		boolean test(long line, long position);

	}

	private boolean hasNextRecord(long startLine) {
		try {
			// The iterator parses the whole next record here, so a quoting error surfaces in this call.
			return records.hasNext();
		} catch (UncheckedIOException e) {
			if (e.getCause() instanceof CSVException malformed) {
				throw new MalformedCsvException(startLine, malformed.getMessage(), malformed);
			}
			throw e;
		}
	}

	/** Comment lines the parser read before the record, which hands them out as one text joined with line breaks. */
	private static long commentLines(CSVRecord record) {
		String comment = record.getComment();
		return comment == null ? 0 : comment.chars().filter(c -> c == '\n').count() + 1;
	}

	/**
	 * Reads past {@code lines} physical lines, ended as the parser ends them ({@code \n}, {@code \r\n} or
	 * {@code \r}).
	 * @return the characters read
	 */
	private static long skipLines(PushbackReader reader, int lines) throws IOException {
		long read = 0;
		for (int skipped = 0; skipped < lines;) {
			int c = reader.read();
			if (c == -1) {
				return read;
			}
			read++;
			if (c == '\r') {
				int next = reader.read();
				if (next == '\n') {
					read++;
				}
				else if (next != -1) {
					reader.unread(next);
				}
				skipped++;
			}
			else if (c == '\n') {
				skipped++;
			}
		}
		return read;
	}

	/** Malformed bytes become U+FFFD instead of failing the whole file; rows holding one are reported. */
	private static Reader decodingReader(CsvSourceSettings settings) throws IOException {
		CharsetDecoder decoder = settings.encoding().newDecoder()
				.onMalformedInput(CodingErrorAction.REPLACE)
				.onUnmappableCharacter(CodingErrorAction.REPLACE);
		return new InputStreamReader(Files.newInputStream(settings.file()), decoder);
	}

	/** Java decoders keep a UTF-8 BOM as a character, which would otherwise end up in the first header name. */
	private static PushbackReader withoutByteOrderMark(Reader reader) throws IOException {
		PushbackReader pushback = new PushbackReader(reader, 1);
		int first = pushback.read();
		if (first != -1 && first != BYTE_ORDER_MARK) {
			pushback.unread(first);
		}
		return pushback;
	}
}
