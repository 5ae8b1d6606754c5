package dev.sift.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of a file as a decoder reads them, remembering the offset each physical line starts at, so that where a
 * record's line starts can be looked up once the parser, which reads ahead, has reached it. Lines end at {@code \n},
 * {@code \r\n} or {@code \r}, as the CSV parser counts them; these bytes are line breaks only in the encodings
 * {@link CsvSourceReader#splittable} accepts.
 * <p>
 * Only the lines from the last one asked for on are kept: the few thousand the parser and the decoder read ahead.
 */
final class LineStartCounter extends FilterInputStream {

	private static final int INITIAL_CAPACITY = 64;

	/** The offsets of lines {@code firstLine}, {@code firstLine + 1}..., a ring of {@code size} from {@code head}. */
	private long[] starts = new long[INITIAL_CAPACITY];

	private int head;

	private int size;

	private long firstLine = 1;

	private long position;

	private boolean afterCarriageReturn;

	LineStartCounter(InputStream in) {
		super(in);
		append(0);
	}

	@Override
	public int read() throws IOException {
		int b = super.read();
		if (b >= 0) {
			seen(b);
		}
		return b;
	}

	@Override
	public int read(byte[] bytes, int offset, int length) throws IOException {
		int read = super.read(bytes, offset, length);
		for (int index = offset; index < offset + read; index++) {
			seen(bytes[index]);
		}
		return read;
	}

	/** Skipping would hide line breaks; the decoder never skips. */
	@Override
	public long skip(long n) {
		throw new UnsupportedOperationException("line starts are counted from every byte");
	}

	@Override
	public boolean markSupported() {
		return false;
	}

	/**
	 * The offset line {@code line} starts at, forgetting the lines before it; the end of what was read for the line
	 * after the last one.
	 */
	long startOf(long line) {
		if (line < firstLine) {
			throw new IllegalStateException("line " + line + " was asked for after line " + firstLine);
		}
		while (firstLine < line && size > 1) {
			head = (head + 1) % starts.length;
			size--;
			firstLine++;
		}
		return firstLine == line ? starts[head] : position;
	}

	private void seen(int b) {
		position++;
		if (b == '\n' && afterCarriageReturn) {
			starts[(head + size - 1) % starts.length] = position;
		}
		else if (b == '\n' || b == '\r') {
			append(position);
		}
		afterCarriageReturn = b == '\r';
	}

	private void append(long offset) {
		if (size == starts.length) {
			long[] grown = new long[starts.length * 2];
			for (int index = 0; index < size; index++) {
				grown[index] = starts[(head + index) % starts.length];
			}
			starts = grown;
			head = 0;
		}
		starts[(head + size) % starts.length] = offset;
		size++;
	}

}
