package dev.sift.testing;

import java.nio.ByteBuffer;

/** The ggml tensor types {@link GgufWriter} can encode. */
public enum GgmlType {

	F32(0, 1, 0) {
		@Override
		long byteSize(long count) {
			return 4 * count;
		}

		@Override
		void encode(float[] values, int count, ByteBuffer out) {
			for (int i = 0; i < count; i++) {
				out.putFloat(values[i]);
			}
		}
	},

	F16(1, 1, 1) {
		@Override
		long byteSize(long count) {
			return 2 * count;
		}

		@Override
		void encode(float[] values, int count, ByteBuffer out) {
			for (int i = 0; i < count; i++) {
				out.putShort(toHalf(values[i]));
			}
		}
	},

	/** Blocks of 32 values: an F16 scale, then 32 signed bytes that multiplied by the scale give the values. */
	Q8_0(8, 32, 7) {
		@Override
		long byteSize(long count) {
			return count / 32 * 34;
		}

		@Override
		void encode(float[] values, int count, ByteBuffer out) {
			for (int block = 0; block < count; block += 32) {
				float scale = maxMagnitude(values, block, 32) / 127;
				float inverse = scale == 0 ? 0 : 1 / scale;
				out.putShort(toHalf(scale));
				for (int i = block; i < block + 32; i++) {
					out.put((byte) roundHalfAwayFromZero(values[i] * inverse));
				}
			}
		}
	};

	private final int id;
	private final int blockSize;
	private final int fileType;

	GgmlType(int id, int blockSize, int fileType) {
		this.id = id;
		this.blockSize = blockSize;
		this.fileType = fileType;
	}

	/** The type's number in a GGUF tensor info. */
	int id() {
		return id;
	}

	/** Number of values encoded together; a tensor's innermost dimension must be a multiple of it. */
	int blockSize() {
		return blockSize;
	}

	/** The {@code general.file_type} (llama.cpp's {@code llama_ftype}) of a model whose matrices have this type. */
	int fileType() {
		return fileType;
	}

	/** Bytes needed for {@code count} values; {@code count} is a multiple of the block size. */
	abstract long byteSize(long count);

	/** Appends the first {@code count} values (a multiple of the block size) to {@code out}. */
	abstract void encode(float[] values, int count, ByteBuffer out);

	private static float maxMagnitude(float[] values, int from, int count) {
		float max = 0;
		for (int i = from; i < from + count; i++) {
			max = Math.max(max, Math.abs(values[i]));
		}
		return max;
	}

	/** ggml quantizes with C's roundf, which rounds halves away from zero, unlike Math.round. */
	private static int roundHalfAwayFromZero(float value) {
		return value < 0 ? -Math.round(-value) : Math.round(value);
	}

	/** IEEE 754 binary16 with round-half-to-even; Java 17 has no Float.floatToFloat16 yet. */
	static short toHalf(float value) {
		int bits = Float.floatToRawIntBits(value);
		int sign = (bits >>> 16) & 0x8000;
		int floatExponent = (bits >>> 23) & 0xff;
		int mantissa = bits & 0x7f_ffff;
		if (floatExponent == 0xff) {
			return (short) (sign | 0x7c00 | (mantissa == 0 ? 0 : 0x200));
		}
		int exponent = floatExponent - 127 + 15;
		if (exponent >= 0x1f) {
			return (short) (sign | 0x7c00);
		}
		if (exponent <= 0) {
			return (short) (sign | subnormalHalf(mantissa | 0x80_0000, 14 - exponent));
		}
		// A carry out of the mantissa correctly moves on to the next exponent (or to infinity).
		return (short) (sign | roundShiftedToEven((exponent << 23) | mantissa, 13));
	}

	private static int subnormalHalf(int significand, int shift) {
		return shift > 24 ? 0 : roundShiftedToEven(significand, shift);
	}

	private static int roundShiftedToEven(int value, int shift) {
		int kept = value >>> shift;
		int dropped = value & ((1 << shift) - 1);
		int half = 1 << (shift - 1);
		return dropped > half || (dropped == half && (kept & 1) == 1) ? kept + 1 : kept;
	}
}
