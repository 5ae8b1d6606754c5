package dev.sift.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;

import dev.sift.chat.SeededChatOptions;

class LlamaCppChatOptionsTest {

	private static final String SCHEMA = "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}}}";

	@Test
	void builderSetsEveryOption() {
		LlamaCppChatOptions options = full();

		assertThat(options.getModel()).isEqualTo("tiny");
		assertThat(options.getFrequencyPenalty()).isEqualTo(0.1);
		assertThat(options.getMaxTokens()).isEqualTo(64);
		assertThat(options.getPresencePenalty()).isEqualTo(0.2);
		assertThat(options.getStopSequences()).containsExactly("</s>");
		assertThat(options.getTemperature()).isEqualTo(0.3);
		assertThat(options.getTopK()).isEqualTo(20);
		assertThat(options.getTopP()).isEqualTo(0.9);
		assertThat(options.getOutputSchema()).isEqualTo(SCHEMA);
		assertThat(options.getSeed()).isEqualTo(42);
	}

	/** How jobs set options: through Spring AI's and Sift's interfaces only, on the model's own builder. */
	@Test
	void mutatedOptionsAreABuilderOfBothMixins() {
		ChatOptions.Builder<?> builder = ((ChatOptions) full()).mutate();

		((StructuredOutputChatOptions.Builder<?>) builder).outputSchema("{}");
		((SeededChatOptions.Builder<?>) builder).seed(9);
		ChatOptions built = builder.maxTokens(10).build();

		assertThat(built).isInstanceOf(LlamaCppChatOptions.class);
		assertThat(((SeededChatOptions) built).getSeed()).isEqualTo(9);
		assertThat(((StructuredOutputChatOptions) built).getOutputSchema()).isEqualTo("{}");
		assertThat(built.getMaxTokens()).isEqualTo(10);
		assertThat(built.getTemperature()).isEqualTo(0.3);
	}

	@Test
	void mutateRoundTripsEveryOptionIncludingSeedAndSchema() {
		LlamaCppChatOptions options = full();

		LlamaCppChatOptions copy = options.mutate().build();

		assertThat(copy).isEqualTo(options).hasSameHashCodeAs(options).isNotSameAs(options);
		assertThat(copy.getSeed()).isEqualTo(42);
		assertThat(copy.getOutputSchema()).isEqualTo(SCHEMA);
	}

	@Test
	void mutateChangesOnlyWhatIsSet() {
		LlamaCppChatOptions changed = full().mutate().seed(7).build();

		assertThat(changed.getSeed()).isEqualTo(7);
		assertThat(changed.mutate().seed(42).build()).isEqualTo(full());
	}

	@Test
	void clonedBuilderKeepsTheSeed() {
		LlamaCppChatOptions.Builder builder = full().mutate();

		assertThat(builder.clone().build()).isEqualTo(full());
	}

	@Test
	void stopSequencesAreCopiedAndUnmodifiable() {
		List<String> stops = new ArrayList<>(List.of("END"));
		LlamaCppChatOptions options = LlamaCppChatOptions.builder().stopSequences(stops).build();

		stops.add("MORE");

		assertThat(options.getStopSequences()).containsExactly("END");
		assertThat(options.getStopSequences()).isUnmodifiable();
	}

	@Test
	void combineWithTakesTheRequestSeedAndSchema() {
		LlamaCppChatOptions defaults = LlamaCppChatOptions.builder().temperature(0.0).seed(42).maxTokens(256).build();
		LlamaCppChatOptions.Builder request = LlamaCppChatOptions.builder()
			.temperature(0.7)
			.seed(43)
			.outputSchema(SCHEMA);

		LlamaCppChatOptions merged = defaults.mutate().combineWith(request).build();

		assertThat(merged.getSeed()).isEqualTo(43);
		assertThat(merged.getOutputSchema()).isEqualTo(SCHEMA);
		assertThat(merged.getTemperature()).isEqualTo(0.7);
		assertThat(merged.getMaxTokens()).isEqualTo(256);
	}

	@Test
	void combineWithKeepsSeedAndSchemaTheRequestLeavesOpen() {
		LlamaCppChatOptions defaults = LlamaCppChatOptions.builder().seed(42).outputSchema(SCHEMA).build();

		LlamaCppChatOptions merged = defaults.mutate()
			.combineWith(LlamaCppChatOptions.builder().maxTokens(10))
			.combineWith(ChatOptions.builder().temperature(0.5))
			.build();

		assertThat(merged.getSeed()).isEqualTo(42);
		assertThat(merged.getOutputSchema()).isEqualTo(SCHEMA);
		assertThat(merged.getMaxTokens()).isEqualTo(10);
		assertThat(merged.getTemperature()).isEqualTo(0.5);
	}

	@Test
	void combineWithAppendsStopSequencesAsSpringAiDoes() {
		LlamaCppChatOptions defaults = LlamaCppChatOptions.builder().stopSequences(List.of("</s>")).build();

		LlamaCppChatOptions merged = defaults.mutate()
			.combineWith(LlamaCppChatOptions.builder().stopSequences(List.of("END")))
			.build();

		assertThat(merged.getStopSequences()).containsExactly("</s>", "END");
	}

	@Test
	void fromKeepsLlamaCppOptionsAsTheyAre() {
		LlamaCppChatOptions options = full();

		assertThat(LlamaCppChatOptions.from(options)).isSameAs(options);
	}

	@Test
	void fromCopiesPortableOptions() {
		ChatOptions portable = ChatOptions.builder()
			.model("tiny")
			.temperature(0.3)
			.topK(20)
			.topP(0.9)
			.maxTokens(64)
			.frequencyPenalty(0.1)
			.presencePenalty(0.2)
			.stopSequences(List.of("</s>"))
			.build();

		LlamaCppChatOptions options = LlamaCppChatOptions.from(portable);

		assertThat(options).isEqualTo(full().mutate().seed(null).outputSchema(null).build());
	}

	@Test
	void fromKeepsTheSchemaOfStructuredOutputOptions() {
		ChatOptions structured = StructuredOutputChatOptions.builder().outputSchema(SCHEMA).temperature(0.2).build();

		LlamaCppChatOptions options = LlamaCppChatOptions.from(structured);

		assertThat(structured).isInstanceOf(StructuredOutputChatOptions.class);
		assertThat(options.getOutputSchema()).isEqualTo(SCHEMA);
		assertThat(options.getTemperature()).isEqualTo(0.2);
		assertThat(options.getSeed()).isNull();
	}

	@Test
	void equalOptionsHaveEqualHashCodes() {
		assertThat(full()).isEqualTo(full()).hasSameHashCodeAs(full());
		assertThat(LlamaCppChatOptions.builder().build()).isEqualTo(LlamaCppChatOptions.builder().build());
	}

	@Test
	void seedAndSchemaTakePartInEquality() {
		assertThat(full().mutate().seed(43).build()).isNotEqualTo(full());
		assertThat(full().mutate().outputSchema("{}").build()).isNotEqualTo(full());
		assertThat(full().mutate().stopSequences(List.of("END")).build()).isNotEqualTo(full());
	}

	@Test
	void isNotEqualToOtherOptionTypesWithTheSameValues() {
		ChatOptions portable = ChatOptions.builder().temperature(0.3).build();

		assertThat(LlamaCppChatOptions.builder().temperature(0.3).build()).isNotEqualTo(portable);
	}

	@Test
	void toStringTellsWhetherASchemaIsSetWithoutPrintingIt() {
		assertThat(full().toString()).contains("seed=42", "outputSchema=true").doesNotContain("properties");
	}

	private static LlamaCppChatOptions full() {
		return LlamaCppChatOptions.builder()
			.model("tiny")
			.frequencyPenalty(0.1)
			.maxTokens(64)
			.presencePenalty(0.2)
			.stopSequences(List.of("</s>"))
			.temperature(0.3)
			.topK(20)
			.topP(0.9)
			.outputSchema(SCHEMA)
			.seed(42)
			.build();
	}

}
