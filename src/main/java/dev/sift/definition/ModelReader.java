package dev.sift.definition;

import java.util.Arrays;
import java.util.List;

/** Reads the {@code model} section of a spec: options that override the model's defaults for one job. */
final class ModelReader {

	private static final List<String> MODEL_KEYS = List.of("temperature", "max-tokens", "long-text", "examples-from-corrections");

	/** More examples than this crowd the record out of a 2,048-token slot. */
	private static final int MAX_CORRECTION_EXAMPLES = 8;

	private final SpecFile file;

	ModelReader(SpecFile file) {
		this.file = file;
	}

	ModelSpec read(YamlMap model) {
		int before = this.file.problemCount();
		model.allowOnly(MODEL_KEYS);
		Double temperature = model.number("temperature");
		if (temperature != null && (temperature < 0 || temperature > 2)) {
			this.file.problem(model.line("temperature"), "temperature must be 0 to 2, not "
					+ SpecValues.format(temperature));
		}
		Integer maxTokens = model.integer("max-tokens");
		if (maxTokens != null && (maxTokens < 1 || maxTokens > 4096)) {
			this.file.problem(model.line("max-tokens"), "max-tokens must be 1 to 4096, not " + maxTokens);
		}
		String longTextCode = model.string("long-text");
		LongText longText = null;
		if (longTextCode != null) {
			longText = Arrays.stream(LongText.values())
				.filter(policy -> policy.code().equals(longTextCode.strip()))
				.findFirst()
				.orElse(null);
			if (longText == null) {
				this.file.problem(model.line("long-text"), "long-text must be truncate, chunk or fail, not '"
						+ longTextCode + "'");
			}
		}
		Integer examples = model.integer("examples-from-corrections");
		if (examples != null && (examples < 0 || examples > MAX_CORRECTION_EXAMPLES)) {
			this.file.problem(model.line("examples-from-corrections"), "examples-from-corrections must be 0 to "
					+ MAX_CORRECTION_EXAMPLES + ", not " + examples);
		}
		return this.file.problemCount() > before ? ModelSpec.DEFAULTS
				: new ModelSpec(temperature, maxTokens, longText, examples);
	}

}
