package dev.sift.model;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.DefaultStructuredOutputChatOptions;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;

import dev.sift.chat.SeededChatOptions;

/**
 * Generation options of {@link LlamaCppChatModel}. Besides Spring AI's portable options it carries a sampling
 * {@code seed} ({@link SeededChatOptions}) and the {@code outputSchema} ({@link StructuredOutputChatOptions}) that
 * Spring AI fills in for {@code .entity(Type.class, spec -> spec.useProviderStructuredOutput())}; the model turns that
 * schema into a llama.cpp grammar, so the reply is valid JSON of that shape. Its {@link Builder} is a builder of both
 * mixins, so callers holding only a {@code ChatModel} set either through {@code getOptions().mutate()}.
 */
public final class LlamaCppChatOptions implements StructuredOutputChatOptions, SeededChatOptions {

	private final @Nullable String model;

	private final @Nullable Double frequencyPenalty;

	private final @Nullable Integer maxTokens;

	private final @Nullable Double presencePenalty;

	private final @Nullable List<String> stopSequences;

	private final @Nullable Double temperature;

	private final @Nullable Integer topK;

	private final @Nullable Double topP;

	private final @Nullable String outputSchema;

	private final @Nullable Integer seed;

	private LlamaCppChatOptions(@Nullable String model, @Nullable Double frequencyPenalty, @Nullable Integer maxTokens,
			@Nullable Double presencePenalty, @Nullable List<String> stopSequences, @Nullable Double temperature,
			@Nullable Integer topK, @Nullable Double topP, @Nullable String outputSchema, @Nullable Integer seed) {
		this.model = model;
		this.frequencyPenalty = frequencyPenalty;
		this.maxTokens = maxTokens;
		this.presencePenalty = presencePenalty;
		this.stopSequences = stopSequences == null ? null : List.copyOf(stopSequences);
		this.temperature = temperature;
		this.topK = topK;
		this.topP = topP;
		this.outputSchema = outputSchema;
		this.seed = seed;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** Options from any {@link ChatOptions}, keeping the seed and schema of options that carry them. */
	static LlamaCppChatOptions from(ChatOptions options) {
		if (options instanceof LlamaCppChatOptions llamaOptions) {
			return llamaOptions;
		}
		Builder builder = builder().model(options.getModel())
			.frequencyPenalty(options.getFrequencyPenalty())
			.maxTokens(options.getMaxTokens())
			.presencePenalty(options.getPresencePenalty())
			.stopSequences(options.getStopSequences())
			.temperature(options.getTemperature())
			.topK(options.getTopK())
			.topP(options.getTopP());
		if (options instanceof StructuredOutputChatOptions structured) {
			builder.outputSchema(structured.getOutputSchema());
		}
		if (options instanceof SeededChatOptions seeded) {
			builder.seed(seeded.getSeed());
		}
		return builder.build();
	}

	@Override
	public @Nullable String getModel() {
		return this.model;
	}

	@Override
	public @Nullable Double getFrequencyPenalty() {
		return this.frequencyPenalty;
	}

	@Override
	public @Nullable Integer getMaxTokens() {
		return this.maxTokens;
	}

	@Override
	public @Nullable Double getPresencePenalty() {
		return this.presencePenalty;
	}

	@Override
	public @Nullable List<String> getStopSequences() {
		return this.stopSequences;
	}

	@Override
	public @Nullable Double getTemperature() {
		return this.temperature;
	}

	@Override
	public @Nullable Integer getTopK() {
		return this.topK;
	}

	@Override
	public @Nullable Double getTopP() {
		return this.topP;
	}

	@Override
	public @Nullable String getOutputSchema() {
		return this.outputSchema;
	}

	@Override
	public @Nullable Integer getSeed() {
		return this.seed;
	}

	@Override
	public Builder mutate() {
		return builder().model(this.model)
			.frequencyPenalty(this.frequencyPenalty)
			.maxTokens(this.maxTokens)
			.presencePenalty(this.presencePenalty)
			.stopSequences(this.stopSequences)
			.temperature(this.temperature)
			.topK(this.topK)
			.topP(this.topP)
			.outputSchema(this.outputSchema)
			.seed(this.seed);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof LlamaCppChatOptions that && Objects.equals(this.model, that.model)
				&& Objects.equals(this.frequencyPenalty, that.frequencyPenalty)
				&& Objects.equals(this.maxTokens, that.maxTokens)
				&& Objects.equals(this.presencePenalty, that.presencePenalty)
				&& Objects.equals(this.stopSequences, that.stopSequences)
				&& Objects.equals(this.temperature, that.temperature) && Objects.equals(this.topK, that.topK)
				&& Objects.equals(this.topP, that.topP) && Objects.equals(this.outputSchema, that.outputSchema)
				&& Objects.equals(this.seed, that.seed);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.model, this.frequencyPenalty, this.maxTokens, this.presencePenalty,
				this.stopSequences, this.temperature, this.topK, this.topP, this.outputSchema, this.seed);
	}

	@Override
	public String toString() {
		return "LlamaCppChatOptions{model=" + this.model + ", maxTokens=" + this.maxTokens + ", temperature="
				+ this.temperature + ", topK=" + this.topK + ", topP=" + this.topP + ", seed=" + this.seed
				+ ", stopSequences=" + this.stopSequences + ", outputSchema=" + (this.outputSchema != null) + "}";
	}

	/** A builder of {@link LlamaCppChatOptions}: Spring AI's structured-output builder with a seed. */
	public static final class Builder extends DefaultStructuredOutputChatOptions.Builder<Builder>
			implements SeededChatOptions.Builder<Builder> {

		private @Nullable Integer seed;

		@Override
		public Builder seed(@Nullable Integer seed) {
			this.seed = seed;
			return self();
		}

		@Override
		public Builder combineWith(ChatOptions.Builder<?> other) {
			super.combineWith(other);
			if (other instanceof Builder that && that.seed != null) {
				this.seed = that.seed;
			}
			return self();
		}

		@Override
		public LlamaCppChatOptions build() {
			return new LlamaCppChatOptions(this.model, this.frequencyPenalty, this.maxTokens, this.presencePenalty,
					this.stopSequences, this.temperature, this.topK, this.topP, this.outputSchema, this.seed);
		}

	}

}
