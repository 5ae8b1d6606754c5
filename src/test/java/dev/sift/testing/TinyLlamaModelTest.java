package dev.sift.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.Pair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.ObjectMapper;

/** Runs the generated model through the real java-llama.cpp loading, tokenizing, templating and sampling code. */
class TinyLlamaModelTest {

	private static final String REVIEW_SCHEMA = """
			{
			  "type": "object",
			  "properties": {
				"sentiment": {"type": "string", "enum": ["positive", "negative", "neutral"]},
				"topics": {
				  "type": "array",
				  "items": {"type": "string", "enum": ["price", "quality", "delivery", "service"]},
				  "minItems": 1,
				  "maxItems": 3
				},
				"summary": {"type": "string", "maxLength": 40}
			  },
			  "required": ["sentiment", "topics", "summary"],
			  "additionalProperties": false
			}""";

	/**
	 * Random weights pick byte-fallback tokens in any order, and llama.cpp's grammar takes an invalid UTF-8 sequence
	 * (a lead byte followed by ASCII, say) for one character: Java then sees several U+FFFD and a summary longer than
	 * maxLength. Real models emit valid sequences, so the test keeps random sampling to whole pieces.
	 */
	private static final List<Integer> BYTE_TOKENS = IntStream.range(0, 256)
			.mapToObj(TinyLlamaModelTest::byteToken)
			.toList();

	@TempDir
	static Path directory;

	/** Loaded once per JVM: llama.cpp models cannot be closed safely, and every load costs time. */
	private static LlamaModel model;

	@BeforeAll
	static void loadModel() throws IOException {
		// The first use of LlamaModel deletes every jllama*/llama* file in this directory (java.io.tmpdir by default).
		Path natives = Files.createDirectories(directory.resolve("natives"));
		System.setProperty("de.kherud.llama.tmpdir", natives.toString());
		model = new LlamaModel(new ModelParameters()
				.setModel(TinyLlamaModel.tiny(directory).toString())
				.setCtxSize(2048)
				.setParallel(2)
				.enableJinja());
	}

	@Test
	void tokenizesWordsAsWholePieces() {
		assertThat(model.encode("the price was great")).hasSize(4);
	}

	@Test
	void roundTripsAnyTextThroughByteFallback() {
		String text = "Grüße, naïve café! 日本語 \uD83D\uDE00 {\"score\": 42}";

		int[] tokens = model.encode(text);

		assertThat(tokens).containsSequence(byteToken(0xF0), byteToken(0x9F), byteToken(0x98), byteToken(0x80));
		// SentencePiece marks the start of the text as a word start, which decodes to a leading space.
		assertThat(model.decode(tokens)).isEqualTo(" " + text);
	}

	@Test
	void rendersTheZephyrChatTemplate() {
		String prompt = model.applyTemplate(new InferenceParameters("")
				.setMessages("sys", List.of(new Pair<>("user", "hi"))));

		assertThat(prompt).isEqualTo("<|system|>\nsys</s>\n<|user|>\nhi</s>\n<|assistant|>\n");
	}

	@Test
	void grammarConstrainedCompletionFollowsTheSchemaAndRepeatsWithTheSeed() {
		String first = completeReview(1234);
		String second = completeReview(1234);

		Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(REVIEW_SCHEMA);
		assertThat(schema.validate(new ObjectMapper().readTree(first))).isEmpty();
		assertThat(second).isEqualTo(first);
	}

	@Test
	void sameSeedWritesSameBytes() throws IOException {
		TinyLlamaModel.Shape shape = TinyLlamaModel.Shape.tiny();
		Path first = TinyLlamaModel.write(directory.resolve("first.gguf"), shape, GgmlType.Q8_0, 7);
		Path again = TinyLlamaModel.write(directory.resolve("again.gguf"), shape, GgmlType.Q8_0, 7);
		Path otherSeed = TinyLlamaModel.write(directory.resolve("other.gguf"), shape, GgmlType.Q8_0, 8);

		assertThat(Files.mismatch(first, again)).isEqualTo(-1);
		assertThat(Files.mismatch(first, otherSeed)).isNotEqualTo(-1);
	}

	private static String completeReview(int seed) {
		String prompt = model.applyTemplate(new InferenceParameters("").setMessages("Classify the review as JSON.",
				List.of(new Pair<>("user", "The delivery was late but the price was fair."))));
		return model.complete(new InferenceParameters(prompt)
				.setGrammar(LlamaModel.jsonSchemaToGrammar(REVIEW_SCHEMA))
				.disableTokenIds(BYTE_TOKENS)
				// With the cache, a repeated prompt would only have its last token evaluated: a different computation.
				.setCachePrompt(false)
				.setNPredict(200)
				.setTemperature(0.8f)
				.setSeed(seed));
	}

	private static int byteToken(int value) {
		return TinyVocabulary.FIRST_BYTE_ID + value;
	}
}
