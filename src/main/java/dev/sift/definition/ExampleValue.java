package dev.sift.definition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import dev.sift.definition.FieldSpec.FieldType;

/** A value of a worked example's output, checked against its field as a reply would be. */
record ExampleValue(SpecFile file, FieldSpec field, String path, int line) {

	Object read(Node node) {
		return switch (this.field.type()) {
			case LABEL -> label(node);
			case LABELS -> {
				List<String> labels = items(node, "a list of labels");
				yield labels == null || !labels.stream().allMatch(label -> isLabel(label)) || !itemCount(labels)
						? null : labels;
			}
			case TEXT -> {
				if (!(node instanceof ScalarNode scalar) || YamlMap.isNull(node)) {
					yield wrong(node, "a text");
				}
				yield fits(scalar.getValue()) ? scalar.getValue() : null;
			}
			case LIST -> {
				List<String> texts = items(node, "a list of texts");
				yield texts == null || !itemCount(texts) || !texts.stream().allMatch(this::fits) ? null : texts;
			}
			case NUMBER, INTEGER -> number(node);
			case BOOLEAN -> {
				Boolean value = YamlMap.bool(node);
				yield value != null ? value : wrong(node, "true or false");
			}
		};
	}

	private Object label(Node node) {
		if (!(node instanceof ScalarNode scalar) || YamlMap.isNull(node)) {
			return wrong(node, "one label");
		}
		return isLabel(scalar.getValue()) ? scalar.getValue() : null;
	}

	private boolean isLabel(String value) {
		if (this.field.labels().containsKey(value)) {
			return true;
		}
		this.file.problem(this.line, "'" + value + "' is not a label of field '" + this.field.name() + "'",
				SpecValues.suggestion(value, List.copyOf(this.field.labels().keySet()), "labels"));
		return false;
	}

	private List<String> items(Node node, String expected) {
		if (!(node instanceof SequenceNode sequence)) {
			return wrong(node, expected);
		}
		List<String> values = new ArrayList<>();
		for (Node item : sequence.getValue()) {
			if (!(item instanceof ScalarNode scalar) || YamlMap.isNull(item)) {
				return wrong(node, expected);
			}
			values.add(scalar.getValue());
		}
		if (new HashSet<>(values).size() < values.size()) {
			this.file.problem(this.line, "'" + this.path + "' repeats an item");
			return null;
		}
		return values;
	}

	private boolean itemCount(List<String> values) {
		if (values.size() < this.field.minItems() || values.size() > this.field.maxItems()) {
			this.file.problem(this.line, "'" + this.path + "' has " + values.size() + " items; field '"
					+ this.field.name() + "' allows " + this.field.minItems() + " to " + this.field.maxItems());
			return false;
		}
		return true;
	}

	private boolean fits(String text) {
		int words = text.isBlank() ? 0 : text.strip().split("\\s+").length;
		String broken = null;
		if (text.length() > this.field.maxLength() || text.length() < this.field.minLength()) {
			broken = text.length() + " characters; field '" + this.field.name() + "' allows "
					+ this.field.minLength() + " to " + this.field.maxLength();
		}
		else if ((this.field.maxWords() != null && words > this.field.maxWords())
				|| (this.field.minWords() != null && words < this.field.minWords())) {
			broken = words + " words; field '" + this.field.name() + "' allows "
					+ (this.field.minWords() == null ? 0 : this.field.minWords()) + " to "
					+ (this.field.maxWords() == null ? "any number" : this.field.maxWords());
		}
		if (broken != null) {
			this.file.problem(this.line, "'" + this.path + "' has " + broken);
			return false;
		}
		return true;
	}

	private Object number(Node node) {
		Double value = YamlMap.number(node);
		boolean integer = this.field.type() == FieldType.INTEGER;
		if (value == null || (integer && value != Math.rint(value))) {
			return wrong(node, integer ? "a whole number" : "a number");
		}
		if ((this.field.minimum() != null && value < this.field.minimum())
				|| (this.field.maximum() != null && value > this.field.maximum())) {
			this.file.problem(this.line, "'" + this.path + "' is " + SpecValues.format(value) + ", outside the "
					+ "field's range " + (this.field.minimum() == null ? "" : SpecValues.format(this.field.minimum()))
					+ ".." + (this.field.maximum() == null ? "" : SpecValues.format(this.field.maximum())));
			return null;
		}
		return integer ? (Object) value.longValue() : value;
	}

	private <T> T wrong(Node node, String expected) {
		this.file.problem(this.line, "'" + this.path + "' must be " + expected + ", not "
				+ YamlMap.describe(node));
		return null;
	}

}
