package dev.sift.source;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.util.Iterator;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The non-blank rows of a CSV file, or of a range of it, each with the physical line it starts on.
 */
final class CsvRows implements Closeable {

	private static final char BYTE_ORDER_MARK = '\uFEFF';

	private final CSVParser parser;
	private final Iterator<CSVRecord> records;
	private final Start start;
	/** Where the lines start in the file's bytes; {@code null} unless asked for. */
	private final LineStartCounter lineStarts;
	/** Lines of the file before the parser's first: those of {@link CsvSourceSettings#skipLines()}, or a range's. */
	private final long skippedLines;
	private long linesConsumed;
	private long rowStartLine;

	/**
	 * Where a parser starts reading a file: at its start (after a byte order mark) past {@code skipLines} lines, or at
	 * the first byte of a range's first record.
	 *
	 * @param line the physical line the parser starts on
	 */
	record Start(long byteOffset, int skipLines, long line) {

		static Start of(CsvSourceSettings settings) {
			return new Start(0, settings.skipLines(), settings.skipLines() + 1L);
		}

		static Start of(CsvRange range) {
			return new Start(range.startByte(), 0, range.startLine());
		}

	}

	private CsvRows(CSVParser parser, Start start, LineStartCounter lineStarts) {
		this.parser = parser;
		this.records = parser.iterator();
		this.start = start;
		this.lineStarts = lineStarts;
		this.skippedLines = start.line() - 1;
	}

	static CsvRows open(CsvSourceSettings settings) throws IOException {
		return open(settings, Start.of(settings), false);
	}

	/**
	 * The rows from {@code start} on; the bytes before it are not read.
	 *
	 * @param countLineStarts whether to remember where lines start in the file's bytes, for {@link #startByte}
	 */
	static CsvRows open(CsvSourceSettings settings, Start start, boolean countLineStarts) throws IOException {
		CSVFormat format = CSVFormat.RFC4180.builder()
				.setDelimiter(settings.delimiter())
				// Skipped here instead: the parser would consume blank lines unseen, shifting the start line of the next record.
				.setIgnoreEmptyLines(false)
				.setCommentMarker(settings.commentMarker())
				.get();
		InputStream bytes = bytesFrom(settings, start);
		LineStartCounter lineStarts = countLineStarts ? new LineStartCounter(bytes) : null;
		PushbackReader reader = positioned(settings, start, lineStarts == null ? bytes : lineStarts);
		try {
			return new CsvRows(CSVParser.builder().setReader(reader).setFormat(format).get(), start, lineStarts);
		} catch (IOException | RuntimeException e) {
			reader.close();
			throw e;
		}
	}

	/**
	 * The line the parser began reading the last row {@link #next} returned (or found broken) on: the row's line, or
	 * the first of the comment lines before it.
	 */
	long rowStartLine() {
		return rowStartLine;
	}

	/** The last line of the last record parsed. */
	long linesRead() {
		return skippedLines + linesConsumed;
	}

	/**
	 * The offset in the file of the first byte of {@code line}, for rows opened counting line starts; the lines are
	 * asked for in file order, from the line of the last row on, and the line after the last one ends the file.
	 */
	long startByte(long line) {
		if (lineStarts == null) {
			throw new IllegalStateException("line starts are not counted");
		}
		return lineStarts.startOf(line);
	}

	/**
	 * Returns the next non-blank row, or null at the end of the file.
	 *
	 * @throws MalformedCsvException when quoting is broken; the parser cannot resynchronise after that
	 */
	CsvRow next() {
		while (true) {
			long startLine = skippedLines + linesConsumed + 1;
			rowStartLine = startLine;
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
	 * The physical line holding the character at {@code index} from {@code start} as the parser reads it (decoded,
	 * without a byte order mark), to show where a parse error is. Parser positions count the same characters, and
	 * lines end at {@code \n}, {@code \r\n} or {@code \r} as the parser's line numbers do.
	 *
	 * @return the line, or null when the file is shorter than that
	 */
	static PhysicalLine lineHolding(CsvSourceSettings settings, Start start, long index) throws IOException {
		return scan(settings, start, (line, position) -> position == index);
	}

	/**
	 * Physical line {@code number}, at or after {@code start} (its column is 0), or null when it is empty or the file
	 * is shorter.
	 */
	static PhysicalLine line(CsvSourceSettings settings, Start start, long number) throws IOException {
		return scan(settings, start, (line, position) -> line == number);
	}

	/**
	 * The line of the first character (not a line break) from {@code start} on that {@code wanted} accepts, with its
	 * column.
	 */
	private static PhysicalLine scan(CsvSourceSettings settings, Start start, CharacterTest wanted) throws IOException {
		try (Reader reader = new BufferedReader(positioned(settings, start, bytesFrom(settings, start)))) {
			StringBuilder text = new StringBuilder();
			long number = start.line();
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
				throw new MalformedCsvException(startLine, start, malformed.getMessage(), malformed);
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
	 */
	private static void skipLines(PushbackReader reader, int lines) throws IOException {
		for (int skipped = 0; skipped < lines;) {
			int c = reader.read();
			if (c == -1) {
				return;
			}
			if (c == '\r') {
				int next = reader.read();
				if (next != '\n' && next != -1) {
					reader.unread(next);
				}
				skipped++;
			}
			else if (c == '\n') {
				skipped++;
			}
		}
	}

	/** The file's bytes from {@code start} on, the ones before it left unread. */
	private static InputStream bytesFrom(CsvSourceSettings settings, Start start) throws IOException {
		SeekableByteChannel channel = Files.newByteChannel(settings.file());
		try {
			channel.position(start.byteOffset());
		} catch (IOException | RuntimeException e) {
			channel.close();
			throw e;
		}
		return Channels.newInputStream(channel);
	}

	/**
	 * The characters the parser reads from {@code start}: decoded, without a byte order mark at the file's start, and
	 * past the lines to skip.
	 */
	private static PushbackReader positioned(CsvSourceSettings settings, Start start, InputStream bytes)
			throws IOException {
		PushbackReader reader = new PushbackReader(decodingReader(settings, bytes), 1);
		try {
			if (start.byteOffset() == 0) {
				skipByteOrderMark(reader);
			}
			skipLines(reader, start.skipLines());
			return reader;
		} catch (IOException | RuntimeException e) {
			reader.close();
			throw e;
		}
	}

	/** Malformed bytes become U+FFFD instead of failing the whole file; rows holding one are reported. */
	private static Reader decodingReader(CsvSourceSettings settings, InputStream bytes) {
		CharsetDecoder decoder = settings.encoding().newDecoder()
				.onMalformedInput(CodingErrorAction.REPLACE)
				.onUnmappableCharacter(CodingErrorAction.REPLACE);
		return new InputStreamReader(bytes, decoder);
	}

	/** Java decoders keep a UTF-8 BOM as a character, which would otherwise end up in the first header name. */
	private static void skipByteOrderMark(PushbackReader reader) throws IOException {
		int first = reader.read();
		if (first != -1 && first != BYTE_ORDER_MARK) {
			reader.unread(first);
		}
	}
}
