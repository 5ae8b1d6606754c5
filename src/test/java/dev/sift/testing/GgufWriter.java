package dev.sift.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes GGUF version 3 files: typed metadata, tensor infos, then the tensor data, each tensor aligned to 32 bytes
 * (GGUF's default, so no {@code general.alignment} key is needed).
 * <p>
 * Tensor values are not held by the writer: each tensor has a {@link Values} source that is asked for the values
 * chunk by chunk while the file is written, so models of any size are written in constant memory.
 */
public final class GgufWriter {

	/** Produces a tensor's values in storage order (innermost dimension first), a chunk per call. */
	@FunctionalInterface
	public interface Values {
		/** Overwrites {@code chunk[0..count)} with the next {@code count} values. */
		void next(float[] chunk, int count);
	}

	private static final int ALIGNMENT = 32;
	/** A multiple of every block size, so chunks never split a quantization block. */
	private static final int CHUNK_VALUES = 64 * 1024;

	private final Map<String, Consumer<Output>> metadata = new LinkedHashMap<>();
	private final List<Tensor> tensors = new ArrayList<>();

	public GgufWriter putUInt32(String key, int value) {
		return put(key, ValueType.UINT32, out -> out.int32(value));
	}

	public GgufWriter putInt32(String key, int value) {
		return put(key, ValueType.INT32, out -> out.int32(value));
	}

	public GgufWriter putFloat32(String key, float value) {
		return put(key, ValueType.FLOAT32, out -> out.float32(value));
	}

	public GgufWriter putBool(String key, boolean value) {
		return put(key, ValueType.BOOL, out -> out.int8(value ? 1 : 0));
	}

	public GgufWriter putString(String key, String value) {
		return put(key, ValueType.STRING, out -> out.string(value));
	}

	public GgufWriter putStringArray(String key, List<String> values) {
		return putArray(key, ValueType.STRING, values.size(), out -> values.forEach(out::string));
	}

	public GgufWriter putFloat32Array(String key, float[] values) {
		return putArray(key, ValueType.FLOAT32, values.length, out -> {
			for (float value : values) {
				out.float32(value);
			}
		});
	}

	public GgufWriter putInt32Array(String key, int[] values) {
		return putArray(key, ValueType.INT32, values.length, out -> {
			for (int value : values) {
				out.int32(value);
			}
		});
	}

	/** Adds a tensor; {@code dimensions} are innermost first, as ggml stores them. */
	public GgufWriter addTensor(String name, GgmlType type, Values values, long... dimensions) {
		if (dimensions[0] % type.blockSize() != 0) {
			throw new IllegalArgumentException(name + ": innermost dimension " + dimensions[0]
					+ " is not a multiple of the " + type + " block size " + type.blockSize());
		}
		tensors.add(new Tensor(name, type, dimensions.clone(), values));
		return this;
	}

	public void writeTo(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			Output out = new Output(channel);
			writeHeader(out);
			writeTensorData(out);
			out.flush();
		} catch (UncheckedIOException e) {
			throw e.getCause();
		}
	}

	private void writeHeader(Output out) {
		out.bytes("GGUF".getBytes(StandardCharsets.US_ASCII));
		out.int32(3);
		out.int64(tensors.size());
		out.int64(metadata.size());
		for (Map.Entry<String, Consumer<Output>> entry : metadata.entrySet()) {
			out.string(entry.getKey());
			entry.getValue().accept(out);
		}
		long offset = 0;
		for (Tensor tensor : tensors) {
			out.string(tensor.name());
			out.int32(tensor.dimensions().length);
			for (long dimension : tensor.dimensions()) {
				out.int64(dimension);
			}
			out.int32(tensor.type().id());
			out.int64(offset);
			offset = aligned(offset + tensor.byteSize());
		}
	}

	private void writeTensorData(Output out) {
		float[] chunk = new float[CHUNK_VALUES];
		for (Tensor tensor : tensors) {
			out.padTo(ALIGNMENT);
			for (long remaining = tensor.valueCount(); remaining > 0; remaining -= CHUNK_VALUES) {
				int count = (int) Math.min(CHUNK_VALUES, remaining);
				tensor.values().next(chunk, count);
				tensor.type().encode(chunk, count, out.reserve(tensor.type().byteSize(count)));
			}
		}
	}

	private GgufWriter put(String key, ValueType type, Consumer<Output> value) {
		if (metadata.containsKey(key)) {
			throw new IllegalArgumentException("duplicate metadata key " + key);
		}
		metadata.put(key, out -> {
			out.int32(type.id);
			value.accept(out);
		});
		return this;
	}

	private GgufWriter putArray(String key, ValueType elementType, int size, Consumer<Output> elements) {
		return put(key, ValueType.ARRAY, out -> {
			out.int32(elementType.id);
			out.int64(size);
			elements.accept(out);
		});
	}

	private static long aligned(long offset) {
		return (offset + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
	}

	private enum ValueType {
		UINT32(4), INT32(5), FLOAT32(6), BOOL(7), STRING(8), ARRAY(9);

		final int id;

		ValueType(int id) {
			this.id = id;
		}
	}

	private record Tensor(String name, GgmlType type, long[] dimensions, Values values) {

		long valueCount() {
			long count = 1;
			for (long dimension : dimensions) {
				count *= dimension;
			}
			return count;
		}

		long byteSize() {
			return type.byteSize(valueCount());
		}
	}

	/**
	 * Little-endian, buffered output that knows its position (for alignment padding). Its I/O errors are unchecked
	 * so that metadata values can be written by lambdas; {@link #writeTo} turns them back into IOExceptions.
	 */
	private static final class Output {

		private final FileChannel channel;
		private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
		private long flushedBytes;

		Output(FileChannel channel) {
			this.channel = channel;
		}

		void int8(int value) {
			reserve(1).put((byte) value);
		}

		void int32(int value) {
			reserve(4).putInt(value);
		}

		void int64(long value) {
			reserve(8).putLong(value);
		}

		void float32(float value) {
			reserve(4).putFloat(value);
		}

		void string(String value) {
			byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
			int64(utf8.length);
			bytes(utf8);
		}

		void bytes(byte[] bytes) {
			for (int from = 0; from < bytes.length; from += buffer.capacity()) {
				int length = Math.min(buffer.capacity(), bytes.length - from);
				reserve(length).put(bytes, from, length);
			}
		}

		void padTo(int alignment) {
			long position = flushedBytes + buffer.position();
			long padding = (alignment - position % alignment) % alignment;
			for (long i = 0; i < padding; i++) {
				int8(0);
			}
		}

		/** Makes room for {@code byteCount} bytes and returns the buffer to put them into. */
		ByteBuffer reserve(long byteCount) {
			if (buffer.remaining() < byteCount) {
				flush();
			}
			return buffer;
		}

		void flush() {
			buffer.flip();
			try {
				while (buffer.hasRemaining()) {
					flushedBytes += channel.write(buffer);
				}
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			buffer.clear();
		}
	}
}
