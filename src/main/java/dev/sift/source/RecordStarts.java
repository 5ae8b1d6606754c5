package dev.sift.source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where each record of a file starts (its first byte and line), in file order, kept while splitting the file: the
 * ranges' first records are only known once every record has been counted. Each start is stored as its distance
 * from the one before, in a few bytes.
 */
final class RecordStarts {

	private static final int INITIAL_CAPACITY = 4096;

	private static final int SEVEN_BITS = 0x7F;

	private static final int MORE = 0x80;

	private byte[] data = new byte[INITIAL_CAPACITY];

	private int length;

	private long count;

	private long lastByte;

	private long lastLine;

	/** Where one record starts. */
	record Start(long byteOffset, long line) {
	}

	void add(long byteOffset, long line) {
		write(byteOffset - lastByte);
		write(line - lastLine);
		lastByte = byteOffset;
		lastLine = line;
		count++;
	}

	long count() {
		return count;
	}

	/** The starts of the records at {@code indexes}, which ascend. */
	List<Start> at(long... indexes) {
		List<Start> found = new ArrayList<>(indexes.length);
		int[] offset = {0};
		long byteOffset = 0;
		long line = 0;
		int next = 0;
		for (long record = 0; record < count && next < indexes.length; record++) {
			byteOffset += read(offset);
			line += read(offset);
			if (record == indexes[next]) {
				found.add(new Start(byteOffset, line));
				next++;
			}
		}
		return found;
	}

	/** The distance stored at {@code offset[0]}, moving it past. */
	private long read(int[] offset) {
		long value = 0;
		int shift = 0;
		int b;
		do {
			b = data[offset[0]++];
			value |= (long) (b & SEVEN_BITS) << shift;
			shift += 7;
		}
		while ((b & MORE) != 0);
		return value;
	}

	private void write(long delta) {
		long value = delta;
		do {
			if (length == data.length) {
				data = Arrays.copyOf(data, data.length * 2);
			}
			int low = (int) (value & SEVEN_BITS);
			value >>>= 7;
			data[length++] = (byte) (value == 0 ? low : low | MORE);
		}
		while (value != 0);
	}

}
