package dev.sift.definition;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Classify each record's text into fields, helped by worked examples.
 *
 * @param examples few-shot examples: a text and the reply expected for it (field name to value)
 */
public record ClassifySpec(String instructions, List<FieldSpec> fields, List<Example> examples) implements TaskSpec {

	public ClassifySpec {
		Objects.requireNonNull(instructions, "instructions");
		fields = List.copyOf(fields);
		examples = List.copyOf(examples);
	}

	/** A text and the reply expected for it. */
	public record Example(String text, Map<String, Object> output) {

		public Example {
			Objects.requireNonNull(text, "text");
			output = Map.copyOf(output);
		}

	}

}
