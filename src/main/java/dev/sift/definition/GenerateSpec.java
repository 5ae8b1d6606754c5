package dev.sift.definition;

import java.util.List;
import java.util.Objects;

/**
 * Write new text for each record, such as product copy. Results are drafts: a person approves them before they go
 * anywhere.
 *
 * @param prompt the request for one record; {@code {column}} placeholders are replaced by the record's columns
 * @param tone how the text should sound, told to the model (empty for no preference)
 * @param bannedWords words (or phrases) no field may contain, matched case-insensitively as whole words
 */
public record GenerateSpec(String instructions, String prompt, String tone, List<String> bannedWords,
		List<FieldSpec> fields) implements TaskSpec {

	public GenerateSpec {
		Objects.requireNonNull(instructions, "instructions");
		Objects.requireNonNull(prompt, "prompt");
		tone = tone == null ? "" : tone;
		bannedWords = List.copyOf(bannedWords);
		fields = List.copyOf(fields);
	}

}
