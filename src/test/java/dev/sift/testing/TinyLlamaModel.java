package dev.sift.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates {@code llama}-architecture GGUF models with random weights, so that tests can run the real llama.cpp
 * loading, tokenizing, templating and sampling code without downloading a model. The same seed gives the same bytes.
 */
public final class TinyLlamaModel {

	/** Dimensions of a model; {@code vocabularySize} is reached by padding the built-in pieces with generated ones. */
	public record Shape(int layers, int embedding, int heads, int kvHeads, int feedForward, int contextLength,
						int vocabularySize) {

		public Shape {
			if (embedding % heads != 0 || heads % kvHeads != 0) {
				throw new IllegalArgumentException("heads must divide embedding and kvHeads must divide heads");
			}
		}

		/** Writes in milliseconds and generates fast on two CPU cores. */
		public static Shape tiny() {
			return new Shape(2, 64, 4, 2, 128, 4096, TinyVocabulary.naturalSize());
		}

		/** The dimensions of TinyLlama-1.1B, for benchmarks that need a realistic amount of computation. */
		public static Shape tinyLlama() {
			return new Shape(22, 2048, 32, 4, 5632, 2048, 32_000);
		}

		int headDimension() {
			return embedding / heads;
		}
	}

	/** TinyLlama-1.1B-Chat-v1.0's chat template as its tokenizer_config.json ships it (each \n a newline). */
	private static final String ZEPHYR_TEMPLATE = "{% for message in messages %}\n"
			+ "{% if message['role'] == 'user' %}\n"
			+ "{{ '<|user|>\n' + message['content'] + eos_token }}\n"
			+ "{% elif message['role'] == 'system' %}\n"
			+ "{{ '<|system|>\n' + message['content'] + eos_token }}\n"
			+ "{% elif message['role'] == 'assistant' %}\n"
			+ "{{ '<|assistant|>\n'  + message['content'] + eos_token }}\n"
			+ "{% endif %}\n"
			+ "{% if loop.last and add_generation_prompt %}\n"
			+ "{{ '<|assistant|>' }}\n"
			+ "{% endif %}\n"
			+ "{% endfor %}";

	private static final long TINY_SEED = 42;
	private static final Set<Path> WRITTEN_BY_THIS_JVM = new HashSet<>();

	private TinyLlamaModel() {
	}

	/**
	 * The default tiny model (F16 matrices) in {@code directory}. A file is reused only if this JVM wrote it, since
	 * one left by an earlier build may come from an older generator.
	 */
	public static synchronized Path tiny(Path directory) {
		Path file = directory.resolve("tiny-llama-f16.gguf").toAbsolutePath();
		if (!WRITTEN_BY_THIS_JVM.contains(file) || !Files.isRegularFile(file)) {
			write(file, Shape.tiny(), GgmlType.F16, TINY_SEED);
			WRITTEN_BY_THIS_JVM.add(file);
		}
		return file;
	}

	/** Writes a model whose matrices have {@code type} (norm weights are always F32) and returns {@code file}. */
	public static Path write(Path file, Shape shape, GgmlType type, long seed) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			writer(shape, type, seed).writeTo(file);
			return file;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static GgufWriter writer(Shape shape, GgmlType type, long seed) {
		TinyVocabulary vocabulary = TinyVocabulary.ofSize(shape.vocabularySize());
		GgufWriter writer = new GgufWriter()
				.putString("general.architecture", "llama")
				.putString("general.name", "Sift tiny random Llama")
				.putUInt32("general.file_type", type.fileType())
				.putUInt32("llama.context_length", shape.contextLength())
				.putUInt32("llama.embedding_length", shape.embedding())
				.putUInt32("llama.block_count", shape.layers())
				.putUInt32("llama.feed_forward_length", shape.feedForward())
				.putUInt32("llama.rope.dimension_count", shape.headDimension())
				.putFloat32("llama.rope.freq_base", 10_000f)
				.putUInt32("llama.attention.head_count", shape.heads())
				.putUInt32("llama.attention.head_count_kv", shape.kvHeads())
				.putFloat32("llama.attention.layer_norm_rms_epsilon", 1e-5f)
				.putString("tokenizer.ggml.model", "llama")
				.putStringArray("tokenizer.ggml.tokens", vocabulary.pieces())
				.putFloat32Array("tokenizer.ggml.scores", vocabulary.scores())
				.putInt32Array("tokenizer.ggml.token_type", vocabulary.types())
				.putUInt32("tokenizer.ggml.unknown_token_id", TinyVocabulary.UNKNOWN_ID)
				.putUInt32("tokenizer.ggml.bos_token_id", TinyVocabulary.BOS_ID)
				.putUInt32("tokenizer.ggml.eos_token_id", TinyVocabulary.EOS_ID)
				.putBool("tokenizer.ggml.add_bos_token", true)
				.putBool("tokenizer.ggml.add_eos_token", false)
				.putString("tokenizer.chat_template", ZEPHYR_TEMPLATE);
		addTensors(writer, shape, type, new SplittableRandom(seed));
		return writer;
	}

	/** Tensors are written in the order they are added, so one random stream over all of them is deterministic. */
	private static void addTensors(GgufWriter writer, Shape shape, GgmlType type, SplittableRandom random) {
		int embedding = shape.embedding();
		int kv = shape.kvHeads() * shape.headDimension();
		addMatrix(writer, "token_embd.weight", type, random, embedding, shape.vocabularySize());
		for (int layer = 0; layer < shape.layers(); layer++) {
			String block = "blk." + layer + ".";
			writer.addTensor(block + "attn_norm.weight", GgmlType.F32, TinyLlamaModel::ones, embedding);
			addMatrix(writer, block + "attn_q.weight", type, random, embedding, embedding);
			addMatrix(writer, block + "attn_k.weight", type, random, embedding, kv);
			addMatrix(writer, block + "attn_v.weight", type, random, embedding, kv);
			addMatrix(writer, block + "attn_output.weight", type, random, embedding, embedding);
			writer.addTensor(block + "ffn_norm.weight", GgmlType.F32, TinyLlamaModel::ones, embedding);
			addMatrix(writer, block + "ffn_gate.weight", type, random, embedding, shape.feedForward());
			addMatrix(writer, block + "ffn_up.weight", type, random, embedding, shape.feedForward());
			addMatrix(writer, block + "ffn_down.weight", type, random, shape.feedForward(), embedding);
		}
		writer.addTensor("output_norm.weight", GgmlType.F32, TinyLlamaModel::ones, embedding);
		addMatrix(writer, "output.weight", type, random, embedding, shape.vocabularySize());
	}

	/** Uniform values scaled by 1/√inputs keep activations in a sane range through the layers. */
	private static void addMatrix(GgufWriter writer, String name, GgmlType type, SplittableRandom random,
								  int inputs, int outputs) {
		double amplitude = 1 / Math.sqrt(inputs);
		writer.addTensor(name, type, (chunk, count) -> {
			for (int i = 0; i < count; i++) {
				chunk[i] = (float) (amplitude * (2 * random.nextDouble() - 1));
			}
		}, inputs, outputs);
	}

	private static void ones(float[] chunk, int count) {
		Arrays.fill(chunk, 0, count, 1f);
	}
}
