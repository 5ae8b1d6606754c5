package dev.sift.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link de.kherud.llama.InferenceParameters} only fills a map of JSON values and has no static initializer, so it
 * can be built here without loading llama.cpp; its {@code toString()} is the JSON that native code receives.
 */
class GenerationSettingsTest {

	private static final LlamaCppChatOptions NONE = LlamaCppChatOptions.builder().build();

	@Test
	void requestedOptionsWinOverDefaults() {
		LlamaCppChatOptions request = LlamaCppChatOptions.builder()
			.temperature(0.7)
			.topK(10)
			.topP(0.5)
			.maxTokens(32)
			.seed(7)
			.frequencyPenalty(0.1)
			.presencePenalty(0.2)
			.stopSequences(List.of("END"))
			.outputSchema("{\"request\": true}")
			.build();
		LlamaCppChatOptions defaults = LlamaCppChatOptions.builder()
			.temperature(0.0)
			.topK(40)
			.topP(0.95)
			.maxTokens(256)
			.seed(42)
			.frequencyPenalty(0.5)
			.presencePenalty(0.6)
			.stopSequences(List.of("</s>"))
			.outputSchema("{\"default\": true}")
			.build();

		assertThat(GenerationSettings.resolve(request, defaults)).isEqualTo(new GenerationSettings(0.7, 10, 0.5, 32, 7,
				0.1, 0.2, List.of("END"), "{\"request\": true}"));
	}

	@Test
	void defaultsFillWhatTheRequestLeavesOpen() {
		LlamaCppChatOptions request = LlamaCppChatOptions.builder().maxTokens(32).build();
		LlamaCppChatOptions defaults = LlamaCppChatOptions.builder()
			.temperature(0.3)
			.topK(20)
			.topP(0.9)
			.maxTokens(256)
			.seed(42)
			.stopSequences(List.of("</s>"))
			.outputSchema("{}")
			.build();

		assertThat(GenerationSettings.resolve(request, defaults))
			.isEqualTo(new GenerationSettings(0.3, 20, 0.9, 32, 42, 0.0, 0.0, List.of("</s>"), "{}"));
	}

	/** ChatClient appends a request's stop sequences to the defaults', and getOptions().mutate() repeats those. */
	@Test
	void stopSequencesOfARequestBuiltFromTheDefaultsCountOnce() {
		LlamaCppChatOptions defaults = LlamaCppChatOptions.builder().stopSequences(List.of("</s>", "END")).build();
		LlamaCppChatOptions merged = defaults.mutate().combineWith(defaults.mutate()).build();

		assertThat(merged.getStopSequences()).as("ChatClient's merge").containsExactly("</s>", "END", "</s>", "END");
		assertThat(GenerationSettings.resolve(merged, defaults).stopSequences()).containsExactly("</s>", "END");
	}

	@Test
	void fallbacksApplyWhenNeitherRequestNorDefaultsSayAnything() {
		assertThat(GenerationSettings.resolve(NONE, NONE))
			.isEqualTo(new GenerationSettings(0.0, 40, 1.0, 256, 0, 0.0, 0.0, List.of(), null));
	}

	@Test
	void acceptsTheEdgesOfEveryRange() {
		assertThatNoException()
			.isThrownBy(() -> new GenerationSettings(2, 100_000, 1, Integer.MAX_VALUE, Integer.MAX_VALUE, -2, 2,
					Collections.nCopies(GenerationSettings.MAX_STOP_SEQUENCES, "x"), null));
		assertThatNoException().isThrownBy(() -> new GenerationSettings(0, 0, 0, 1, 0, 2, -2, List.of(), null));
	}

	@Test
	void rejectsTemperatureOutsideZeroToTwo() {
		assertThatThrownBy(() -> settings(2.5, 40, 1.0, 256, 0, 0, 0))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessage("Option temperature must be between 0.0 and 2.0, was 2.5");
		assertThatThrownBy(() -> settings(-0.1, 40, 1.0, 256, 0, 0, 0))
			.hasMessage("Option temperature must be between 0.0 and 2.0, was -0.1");
	}

	@Test
	void rejectsNotANumber() {
		assertThatThrownBy(() -> settings(Double.NaN, 40, 1.0, 256, 0, 0, 0))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessage("Option temperature must be between 0.0 and 2.0, was NaN");
		assertThatThrownBy(() -> settings(0, 40, Double.NaN, 256, 0, 0, 0))
			.hasMessage("Option topP must be between 0.0 and 1.0, was NaN");
	}

	@Test
	void rejectsTopPOutsideZeroToOne() {
		assertThatThrownBy(() -> settings(0, 40, 1.01, 256, 0, 0, 0))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessage("Option topP must be between 0.0 and 1.0, was 1.01");
	}

	@Test
	void rejectsTopKOutsideItsRangeWithWholeNumbersInTheMessage() {
		assertThatThrownBy(() -> settings(0, -1, 1.0, 256, 0, 0, 0))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessage("Option topK must be between 0 and 100000, was -1");
		assertThatThrownBy(() -> settings(0, 100_001, 1.0, 256, 0, 0, 0))
			.hasMessage("Option topK must be between 0 and 100000, was 100001");
	}

	@Test
	void rejectsMaxTokensBelowOne() {
		assertThatThrownBy(() -> settings(0, 40, 1.0, 0, 0, 0, 0)).isInstanceOf(InvalidModelRequestException.class)
			.hasMessage("Option maxTokens must be between 1 and 2147483647, was 0");
	}

	@Test
	void rejectsNegativeSeed() {
		assertThatThrownBy(() -> settings(0, 40, 1.0, 256, -1, 0, 0)).isInstanceOf(InvalidModelRequestException.class)
			.hasMessage("Option seed must be between 0 and 2147483647, was -1");
	}

	@Test
	void rejectsPenaltiesOutsideMinusTwoToTwo() {
		assertThatThrownBy(() -> settings(0, 40, 1.0, 256, 0, 2.5, 0)).isInstanceOf(InvalidModelRequestException.class)
			.hasMessage("Option frequencyPenalty must be between -2.0 and 2.0, was 2.5");
		assertThatThrownBy(() -> settings(0, 40, 1.0, 256, 0, 0, -2.5))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessage("Option presencePenalty must be between -2.0 and 2.0, was -2.5");
	}

	@Test
	void rejectsAnEmptyStopSequence() {
		assertThatThrownBy(() -> new GenerationSettings(0, 40, 1, 256, 0, 0, 0, List.of("END", ""), null))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessage("Stop sequences must not be empty");
	}

	@Test
	void rejectsMoreThanSixteenStopSequences() {
		List<String> stops = Collections.nCopies(GenerationSettings.MAX_STOP_SEQUENCES + 1, "x");

		assertThatThrownBy(() -> new GenerationSettings(0, 40, 1, 256, 0, 0, 0, stops, null))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessage("At most 16 stop sequences are supported, got 17");
	}

	@Test
	void resolveValidatesTheMergedValues() {
		LlamaCppChatOptions request = LlamaCppChatOptions.builder().temperature(3.0).build();

		assertThatThrownBy(() -> GenerationSettings.resolve(request, NONE))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessageContaining("temperature");
	}

	@Test
	void inferenceParametersCarryEverySettingAndTheGrammar() {
		GenerationSettings settings = new GenerationSettings(0.5, 10, 0.9, 64, 7, 0.25, -0.5, List.of("END", "\"q\""),
				"{}");

		JsonNode json = json(settings.toInferenceParameters("Hello \"world\"\n", "root ::= \"{\" \"}\"", true));

		assertThat(json.path("prompt").asString()).isEqualTo("Hello \"world\"\n");
		assertThat(json.path("n_predict").asInt()).isEqualTo(64);
		assertThat(json.path("temperature").asDouble()).isEqualTo(0.5);
		assertThat(json.path("top_k").asInt()).isEqualTo(10);
		assertThat(json.path("top_p").asDouble()).isCloseTo(0.9, offset(1e-6));
		assertThat(json.path("seed").asInt()).isEqualTo(7);
		assertThat(json.path("frequency_penalty").asDouble()).isEqualTo(0.25);
		assertThat(json.path("presence_penalty").asDouble()).isEqualTo(-0.5);
		assertThat(json.path("cache_prompt").asBoolean()).isTrue();
		assertThat(json.path("stop").valueStream().map(JsonNode::asString)).containsExactly("END", "\"q\"");
		assertThat(json.path("grammar").asString()).isEqualTo("root ::= \"{\" \"}\"");
	}

	@Test
	void inferenceParametersWithoutGrammarOrStopsLeaveThemOut() {
		JsonNode json = json(settings(0, 40, 1.0, 256, 0, 0, 0).toInferenceParameters("Hi", null, false));

		assertThat(json.path("n_predict").asInt()).isEqualTo(256);
		assertThat(json.has("grammar")).isFalse();
		assertThat(json.has("stop")).isFalse();
	}

	private static GenerationSettings settings(double temperature, int topK, double topP, int maxTokens, int seed,
			double frequencyPenalty, double presencePenalty) {
		return new GenerationSettings(temperature, topK, topP, maxTokens, seed, frequencyPenalty, presencePenalty,
				List.of(), null);
	}

	private static JsonNode json(Object parameters) {
		return JsonMapper.shared().readTree(parameters.toString());
	}

}
