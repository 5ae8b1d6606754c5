package dev.sift.review;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.util.MultiValueMap;

import dev.sift.definition.FieldSpec;
import dev.sift.definition.FieldSpec.FieldType;
import dev.sift.job.TaskPrompt;

/**
 * A job's fields as form inputs named {@code field.<name>}: what to show for a result, and the values a browser
 * sent back. Parsing only turns text into the field's type; whether a value is allowed is the job's check.
 */
final class FieldForm {

	static final String PREFIX = "field.";

	/** A longer text gets a text area; shorter ones fit a line. */
	private static final int ONE_LINE = 100;

	private FieldForm() {
	}

	/**
	 * The values of every field in the request. A field left empty is missing; a list holds one item per line.
	 * @throws InvalidReviewException when a number is not one
	 */
	static Map<String, Object> parse(List<FieldSpec> fields, MultiValueMap<String, String> form) {
		Map<String, Object> values = new LinkedHashMap<>();
		for (FieldSpec field : fields) {
			List<String> sent = form.getOrDefault(PREFIX + field.name(), List.of());
			String first = sent.isEmpty() || sent.get(0) == null ? "" : sent.get(0).strip();
			switch (field.type()) {
				case LABELS -> values.put(field.name(), sent.stream().filter(value -> !value.isBlank()).toList());
				case LIST -> values.put(field.name(),
						first.lines().map(String::strip).filter(line -> !line.isEmpty()).toList());
				case NUMBER, INTEGER -> {
					if (!first.isEmpty()) {
						values.put(field.name(), number(field, first));
					}
				}
				case BOOLEAN -> {
					if (first.equals("true") || first.equals("false")) {
						values.put(field.name(), Boolean.parseBoolean(first));
					}
				}
				default -> {
					if (!first.isEmpty()) {
						values.put(field.name(), first);
					}
				}
			}
		}
		return values;
	}

	/** The inputs for a result's values, in the job's field order. */
	static List<FieldInput> inputs(List<FieldSpec> fields, Map<String, Object> values) {
		return fields.stream().map(field -> input(field, values.get(field.name()))).toList();
	}

	private static Object number(FieldSpec field, String text) {
		try {
			return field.type() == FieldType.INTEGER ? Long.valueOf(text) : new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			throw new InvalidReviewException(field.name() + ": '" + text + "' is not "
					+ (field.type() == FieldType.INTEGER ? "a whole number" : "a number"));
		}
	}

	private static FieldInput input(FieldSpec field, Object value) {
		List<Option> options = new ArrayList<>();
		String text = "";
		Integer words = null;
		switch (field.type()) {
			case LABEL -> field.labels()
				.forEach((label, meaning) -> options.add(new Option(label, meaning, label.equals(value))));
			case LABELS -> field.labels()
				.forEach((label, meaning) -> options
					.add(new Option(label, meaning, value instanceof List<?> list && list.contains(label))));
			case BOOLEAN -> {
				options.add(new Option("true", "yes", Boolean.TRUE.equals(value)));
				options.add(new Option("false", "no", Boolean.FALSE.equals(value)));
			}
			case LIST -> {
				List<?> items = value instanceof List<?> list ? list : List.of();
				text = String.join("\n", items.stream().map(String::valueOf).toList());
			}
			default -> {
				text = value == null ? "" : String.valueOf(value);
				words = field.type() == FieldType.TEXT ? TaskPrompt.wordCount(text) : null;
			}
		}
		return new FieldInput(field.name(), control(field), bounds(field), List.copyOf(options), text, words,
				field.type() == FieldType.LABEL && value == null || field.type() == FieldType.BOOLEAN && value == null);
	}

	private static String control(FieldSpec field) {
		return switch (field.type()) {
			case LABEL, BOOLEAN -> "select";
			case LABELS -> "checkboxes";
			case LIST -> "textarea";
			case NUMBER, INTEGER -> "number";
			case TEXT -> field.maxLength() > ONE_LINE || field.maxWords() != null ? "textarea" : "text";
		};
	}

	/** The field's bounds in words, as a reviewer needs them while editing. */
	static String bounds(FieldSpec field) {
		List<String> bounds = new ArrayList<>();
		if (field.type() == FieldType.LABELS || field.type() == FieldType.LIST) {
			bounds.add(range(field.minItems(), field.maxItems(), field.type() == FieldType.LIST ? "items" : "labels"));
		}
		if (field.type() == FieldType.TEXT || field.type() == FieldType.LIST) {
			if (field.minWords() != null || field.maxWords() != null) {
				bounds.add(range(field.minWords() == null ? 0 : field.minWords(),
						field.maxWords() == null ? 0 : field.maxWords(), "words"));
			}
			if (field.maxLength() > 0) {
				bounds.add((field.type() == FieldType.LIST ? "each " : "") + "at most " + field.maxLength()
						+ " characters");
			}
		}
		if (field.minimum() != null || field.maximum() != null) {
			bounds.add((field.minimum() == null ? "" : plain(field.minimum())) + " to "
					+ (field.maximum() == null ? "" : plain(field.maximum())));
		}
		return String.join(", ", bounds);
	}

	private static String range(int min, int max, String unit) {
		if (min == max && max > 0) {
			return max + " " + unit;
		}
		if (max <= 0) {
			return "at least " + min + " " + unit;
		}
		return (min > 0 ? min + " to " + max : "at most " + max) + " " + unit;
	}

	private static String plain(double number) {
		return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
	}

	/**
	 * One field's input.
	 *
	 * @param control how it is shown: {@code select}, {@code checkboxes}, {@code text}, {@code textarea} or
	 *        {@code number}
	 * @param text the value of a text, list (one item per line) or number input
	 * @param words the words of a text, for its word limits; {@code null} for other fields
	 * @param unset whether a select has no value yet, so it offers an empty choice
	 */
	record FieldInput(String name, String control, String bounds, List<Option> options, String text, Integer words,
			boolean unset) {

		public String inputName() {
			return PREFIX + this.name;
		}

	}

	/** A choice of a select or a checkbox; {@code meaning} is the spec's description of the label. */
	record Option(String value, String meaning, boolean selected) {
	}

}
