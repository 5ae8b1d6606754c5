package dev.sift.job;

import java.util.List;
import java.util.stream.Collectors;

import dev.sift.definition.FieldSpec;
import dev.sift.definition.GenerateSpec;
import dev.sift.definition.TaskSpec;

/**
 * The system message of a task: the spec's own instructions, then one line per reply key saying what it holds and
 * which values it takes, then (for generated text) tone and banned words.
 */
final class Instructions {

	private Instructions() {
	}

	static String of(TaskSpec task, ReplyKeys keys) {
		StringBuilder text = new StringBuilder(task.instructions().strip()).append("\n\n");
		text.append("Answer with one JSON object with these keys:\n");
		for (FieldSpec field : task.fields()) {
			text.append("- ").append(keys.keyOf(field.name())).append(" (").append(field.name());
			if (!field.description().isBlank()) {
				text.append(", ").append(field.description().strip());
			}
			text.append("): ").append(values(field)).append('\n');
		}
		if (task instanceof GenerateSpec generate) {
			if (!generate.tone().isBlank()) {
				text.append("\nTone: ").append(generate.tone().strip()).append('\n');
			}
			if (!generate.bannedWords().isEmpty()) {
				text.append("Never use these words: ").append(String.join(", ", generate.bannedWords())).append('\n');
			}
		}
		return text.toString();
	}

	private static String values(FieldSpec field) {
		return switch (field.type()) {
			case LABEL -> "one of " + labels(field);
			case LABELS -> count(field.minItems(), field.maxItems()) + " of " + labels(field);
			case TEXT -> "text, " + length(field);
			case LIST -> "a list of " + count(field.minItems(), field.maxItems()) + " texts, each " + length(field);
			case NUMBER -> "a number" + range(field);
			case INTEGER -> "a whole number" + range(field);
			case BOOLEAN -> "true or false";
		};
	}

	private static String labels(FieldSpec field) {
		return field.labels()
			.entrySet()
			.stream()
			.map(label -> label.getValue().isBlank() ? label.getKey() : label.getKey() + " (" + label.getValue() + ")")
			.collect(Collectors.joining(", "));
	}

	private static String count(int min, int max) {
		return min == max ? "exactly " + min : min + " to " + max;
	}

	private static String length(FieldSpec field) {
		if (field.maxWords() != null) {
			return (field.minWords() == null ? "at most " + field.maxWords()
					: count(field.minWords(), field.maxWords())) + " words";
		}
		return field.minLength() > 1 ? count(field.minLength(), field.maxLength()) + " characters"
				: "at most " + field.maxLength() + " characters";
	}

	private static String range(FieldSpec field) {
		if (field.minimum() == null && field.maximum() == null) {
			return "";
		}
		List<String> bounds = List.of(field.minimum() == null ? "" : " from " + plain(field.minimum()),
				field.maximum() == null ? "" : " to " + plain(field.maximum()));
		return String.join("", bounds);
	}

	private static String plain(double number) {
		return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
	}

}
