package dev.sift.model;

import java.util.List;

import de.kherud.llama.InferenceParameters;

/**
 * The options of one request, resolved against the defaults and checked, because llama.cpp aborts the JVM on values
 * it cannot handle.
 */
record GenerationSettings(double temperature, int topK, double topP, int maxTokens, int seed,
		double frequencyPenalty, double presencePenalty, List<String> stopSequences, String outputSchema) {

	static final int MAX_STOP_SEQUENCES = 16;

	GenerationSettings {
		requireWithin("temperature", temperature, 0, 2);
		requireWithin("topK", topK, 0, 100_000);
		requireWithin("topP", topP, 0, 1);
		requireWithin("maxTokens", maxTokens, 1, Integer.MAX_VALUE);
		requireWithin("seed", seed, 0, Integer.MAX_VALUE);
		requireWithin("frequencyPenalty", frequencyPenalty, -2, 2);
		requireWithin("presencePenalty", presencePenalty, -2, 2);
		if (stopSequences.size() > MAX_STOP_SEQUENCES) {
			throw new InvalidModelRequestException(
					"At most " + MAX_STOP_SEQUENCES + " stop sequences are supported, got " + stopSequences.size());
		}
		if (stopSequences.stream().anyMatch(String::isEmpty)) {
			throw new InvalidModelRequestException("Stop sequences must not be empty");
		}
	}

	static GenerationSettings resolve(LlamaCppChatOptions request, LlamaCppChatOptions defaults) {
		return new GenerationSettings(first(request.getTemperature(), defaults.getTemperature(), 0.0),
				first(request.getTopK(), defaults.getTopK(), 40), first(request.getTopP(), defaults.getTopP(), 1.0),
				first(request.getMaxTokens(), defaults.getMaxTokens(), 256),
				first(request.getSeed(), defaults.getSeed(), 0),
				first(request.getFrequencyPenalty(), defaults.getFrequencyPenalty(), 0.0),
				first(request.getPresencePenalty(), defaults.getPresencePenalty(), 0.0),
				// ChatClient appends the request's stop sequences to the defaults' ones, and a request built from
				// the model's own options carries the defaults' already.
				first(request.getStopSequences(), defaults.getStopSequences(), List.<String>of()).stream()
					.distinct()
					.toList(),
				first(request.getOutputSchema(), defaults.getOutputSchema(), null));
	}

	InferenceParameters toInferenceParameters(String prompt, String grammar, boolean cachePrompt) {
		InferenceParameters parameters = new InferenceParameters(prompt).setNPredict(this.maxTokens)
			.setTemperature((float) this.temperature)
			.setTopK(this.topK)
			.setTopP((float) this.topP)
			.setSeed(this.seed)
			.setFrequencyPenalty((float) this.frequencyPenalty)
			.setPresencePenalty((float) this.presencePenalty)
			.setCachePrompt(cachePrompt);
		if (!this.stopSequences.isEmpty()) {
			parameters.setStopStrings(this.stopSequences.toArray(String[]::new));
		}
		if (grammar != null) {
			parameters.setGrammar(grammar);
		}
		return parameters;
	}

	private static <T> T first(T requested, T configured, T fallback) {
		return requested != null ? requested : configured != null ? configured : fallback;
	}

	/** Whole-number options, so their message reads "between 1 and 2147483647" rather than "1.0 and 2.147483647E9". */
	private static void requireWithin(String option, long value, long minimum, long maximum) {
		if (value < minimum || value > maximum) {
			throw new InvalidModelRequestException(
					"Option " + option + " must be between " + minimum + " and " + maximum + ", was " + value);
		}
	}

	private static void requireWithin(String option, double value, double minimum, double maximum) {
		if (Double.isNaN(value) || value < minimum || value > maximum) {
			throw new InvalidModelRequestException(
					"Option " + option + " must be between " + minimum + " and " + maximum + ", was " + value);
		}
	}

}
