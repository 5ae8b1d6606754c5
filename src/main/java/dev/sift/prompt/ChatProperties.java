package dev.sift.prompt;

import java.util.List;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Defaults of one-off prompts ({@code chat} and {@code POST /api/chat}), bound from {@code sift.chat.*}.
 *
 * @param system a system prompt sent before each prompt; none when blank
 * @param maxTokens upper bound of the reply's tokens
 * @param temperature sampling temperature; 0 always picks the most likely token
 * @param stop sequences that end the reply where the model writes them
 */
@Validated
@ConfigurationProperties("sift.chat")
public record ChatProperties(String system, @DefaultValue("256") @Min(1) @Max(OneOffPrompt.MAX_TOKENS) int maxTokens,
		@DefaultValue("0.7") @DecimalMin("0.0") @DecimalMax("2.0") double temperature,
		@DefaultValue List<String> stop) {

	public ChatProperties {
		stop = List.copyOf(stop);
	}

	/** A prompt with these defaults. */
	public OneOffPrompt prompt(String text) {
		return new OneOffPrompt(text, this.system, this.maxTokens, this.temperature, this.stop);
	}

}
