package dev.sift.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a random-weight model from the command line, for manual runs and benchmarks:
 * {@code <output.gguf> [--shape tiny|tinyllama] [--type f32|f16|q8_0] [--seed N]}.
 */
public final class TinyModelMain {

	private static final String USAGE =
			"usage: TinyModelMain <output.gguf> [--shape tiny|tinyllama] [--type f32|f16|q8_0] [--seed N]";

	private TinyModelMain() {
	}

	public static void main(String[] args) throws IOException {
		Options options = Options.parse(args);
		long start = System.nanoTime();
		Path file = TinyLlamaModel.write(options.output(), options.shape(), options.type(), options.seed());
		long millis = (System.nanoTime() - start) / 1_000_000;
		System.out.printf(Locale.ROOT, "Wrote %s (%,d bytes, %s, %s) in %,d ms%n",
				file.toAbsolutePath(), Files.size(file), options.shape(), options.type(), millis);
	}

	private record Options(Path output, TinyLlamaModel.Shape shape, GgmlType type, long seed) {

		static Options parse(String[] args) {
			if (args.length == 0 || args.length % 2 == 0) {
				throw new IllegalArgumentException(USAGE);
			}
			Options options = new Options(Path.of(args[0]), TinyLlamaModel.Shape.tiny(), GgmlType.F16, 42);
			for (int i = 1; i < args.length; i += 2) {
				options = options.with(args[i], args[i + 1]);
			}
			return options;
		}

		private Options with(String option, String value) {
			return switch (option) {
				case "--shape" -> new Options(output, shape(value), type, seed);
				case "--type" -> new Options(output, shape, GgmlType.valueOf(value.toUpperCase(Locale.ROOT)), seed);
				case "--seed" -> new Options(output, shape, type, Long.parseLong(value));
				default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
			};
		}

		private static TinyLlamaModel.Shape shape(String name) {
			return switch (name) {
				case "tiny" -> TinyLlamaModel.Shape.tiny();
				case "tinyllama" -> TinyLlamaModel.Shape.tinyLlama();
				default -> throw new IllegalArgumentException("unknown shape " + name + "\n" + USAGE);
			};
		}
	}
}
