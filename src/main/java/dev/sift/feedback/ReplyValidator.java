package dev.sift.feedback;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a model reply field by field against the output schema. The grammar already keeps the reply to the
 * schema's shape, but not to everything in it: a reply cut off by the token limit, a blank summary, or the same
 * topic twice all pass the grammar and are caught here.
 */
final class ReplyValidator {

	private final JsonNode schema;

	private final Map<String, String> labelByKey;

	/**
	 * @param labelByKey the label each JSON key of the reply stands for; labels and violations use label names
	 */
	ReplyValidator(String schema, Map<String, String> labelByKey) {
		this.schema = JsonMapper.shared().readTree(schema);
		this.labelByKey = Map.copyOf(labelByKey);
	}

	Validation validate(String reply) {
		JsonNode value;
		try {
			value = JsonMapper.shared().readTree(reply);
		}
		catch (JacksonException ex) {
			return Validation.invalid("reply is not complete JSON: " + ex.getOriginalMessage());
		}
		List<String> violations = new ArrayList<>();
		check(this.schema, value, "reply", violations);
		if (!violations.isEmpty()) {
			return new Validation(Map.of(), violations);
		}
		return new Validation(labelsOf(value), List.of());
	}

	private String labelOf(String key) {
		return this.labelByKey.getOrDefault(key, key);
	}

	private Map<String, Object> labelsOf(JsonNode reply) {
		Map<String, Object> labels = new LinkedHashMap<>();
		for (var field : reply.properties()) {
			String label = labelOf(field.getKey());
			JsonNode value = field.getValue();
			if (value.isArray()) {
				List<String> items = new ArrayList<>();
				value.forEach(item -> items.add(item.asString()));
				labels.put(label, List.copyOf(items));
			}
			else if (value.isNumber()) {
				labels.put(label, value.numberValue());
			}
			else if (value.isBoolean()) {
				labels.put(label, value.asBoolean());
			}
			else {
				labels.put(label, value.asString());
			}
		}
		return labels;
	}

	private void check(JsonNode schema, JsonNode value, String name, List<String> violations) {
		switch (schema.path("type").asString("string")) {
			case "object" -> checkObject(schema, value, name, violations);
			case "array" -> checkArray(schema, value, name, violations);
			case "integer" -> checkNumber(schema, value, name, value.isIntegralNumber(), violations);
			case "number" -> checkNumber(schema, value, name, value.isNumber(), violations);
			case "boolean" -> {
				if (!value.isBoolean()) {
					violations.add(name + ": expected true or false, found " + value);
				}
			}
			default -> checkString(schema, value, name, violations);
		}
	}

	private void checkObject(JsonNode schema, JsonNode value, String name, List<String> violations) {
		if (!value.isObject()) {
			violations.add(name + ": expected an object, found " + value);
			return;
		}
		JsonNode properties = schema.path("properties");
		for (JsonNode required : schema.path("required")) {
			if (!value.has(required.asString())) {
				violations.add(labelOf(required.asString()) + ": missing");
			}
		}
		for (var field : value.properties()) {
			JsonNode fieldSchema = properties.get(field.getKey());
			if (fieldSchema == null) {
				violations.add(field.getKey() + ": not an expected field");
			}
			else {
				check(fieldSchema, field.getValue(), labelOf(field.getKey()), violations);
			}
		}
	}

	private void checkArray(JsonNode schema, JsonNode value, String name, List<String> violations) {
		if (!value.isArray()) {
			violations.add(name + ": expected a list, found " + value);
			return;
		}
		int size = value.size();
		if (size < schema.path("minItems").asInt(0) || size > schema.path("maxItems").asInt(Integer.MAX_VALUE)) {
			violations.add(name + ": expected " + schema.path("minItems").asInt(0) + " to "
					+ schema.path("maxItems").asInt(Integer.MAX_VALUE) + " items, found " + size);
		}
		Set<JsonNode> seen = new HashSet<>();
		for (int i = 0; i < size; i++) {
			JsonNode item = value.get(i);
			if (schema.path("uniqueItems").asBoolean(false) && !seen.add(item)) {
				violations.add(name + ": " + item + " appears more than once");
			}
			check(schema.path("items"), item, name + "[" + i + "]", violations);
		}
	}

	private static void checkString(JsonNode schema, JsonNode value, String name, List<String> violations) {
		if (!value.isString()) {
			violations.add(name + ": expected text, found " + value);
			return;
		}
		String text = value.asString();
		JsonNode allowed = schema.get("enum");
		if (allowed != null) {
			boolean known = false;
			for (JsonNode option : allowed) {
				known |= option.asString().equals(text);
			}
			if (!known) {
				violations.add(name + ": '" + text + "' is not one of " + allowed);
			}
			return;
		}
		int length = text.codePointCount(0, text.length());
		int minLength = schema.path("minLength").asInt(0);
		if (minLength > 0 && text.isBlank()) {
			violations.add(name + ": blank");
		}
		else if (length < minLength || length > schema.path("maxLength").asInt(Integer.MAX_VALUE)) {
			violations.add(name + ": " + length + " characters, expected " + minLength + " to "
					+ schema.path("maxLength").asInt(Integer.MAX_VALUE));
		}
	}

	private static void checkNumber(JsonNode schema, JsonNode value, String name, boolean rightType,
			List<String> violations) {
		if (!rightType) {
			violations.add(name + ": expected a " + schema.path("type").asString() + ", found " + value);
			return;
		}
		double number = value.asDouble();
		if ((schema.has("minimum") && number < schema.get("minimum").asDouble())
				|| (schema.has("maximum") && number > schema.get("maximum").asDouble())) {
			violations.add(name + ": " + value + " is outside " + schema.path("minimum") + ".." + schema.path("maximum"));
		}
	}

	/** Labels of a valid reply, or what is wrong with it. */
	record Validation(Map<String, Object> labels, List<String> violations) {

		static Validation invalid(String violation) {
			return new Validation(Map.of(), List.of(violation));
		}

		boolean isValid() {
			return this.violations.isEmpty();
		}

	}

}
