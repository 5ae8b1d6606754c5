package dev.sift.job;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.sift.definition.FieldSpec;

/**
 * Checks a model reply field by field against the output schema and the rules a schema cannot hold. The grammar
 * already keeps the reply to the schema's shape, but not to everything in it: a reply cut off by the token limit, a
 * blank summary, the same topic twice, too many words or a banned word all pass the grammar and are caught here.
 */
final class ReplyValidator {

	private final JsonNode schema;

	private final Map<String, String> labelByKey;

	private final List<FieldSpec> fields;

	private final List<Pattern> bannedWords;

	/**
	 * @param labelByKey the field each JSON key of the reply stands for; labels and violations use field names
	 * @param fields the fields, for the rules a schema cannot express: word counts
	 * @param bannedWords words no text may contain, matched case-insensitively as whole words
	 */
	ReplyValidator(String schema, Map<String, String> labelByKey, List<FieldSpec> fields, List<String> bannedWords) {
		this.schema = JsonMapper.shared().readTree(schema);
		this.labelByKey = Map.copyOf(labelByKey);
		this.fields = List.copyOf(fields);
		this.bannedWords = bannedWords.stream()
			.map(word -> Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(word.strip()) + "(?![\\p{L}\\p{N}])",
					Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
			.toList();
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
		Map<String, Object> labels = labelsOf(value);
		for (FieldSpec field : this.fields) {
			checkWords(field, labels.get(field.name()), violations);
		}
		return violations.isEmpty() ? new Validation(labels, List.of()) : new Validation(Map.of(), violations);
	}

	/** The fields a reply holds, valid or not, by field name; empty when the reply is not a JSON object. */
	Map<String, Object> fieldsOf(String reply) {
		try {
			JsonNode value = JsonMapper.shared().readTree(reply);
			return value.isObject() ? labelsOf(value) : Map.of();
		}
		catch (JacksonException ex) {
			return Map.of();
		}
	}

	private void checkWords(FieldSpec field, Object value, List<String> violations) {
		if (field.type() != FieldSpec.FieldType.TEXT && field.type() != FieldSpec.FieldType.LIST) {
			return;
		}
		List<?> texts = value instanceof List<?> items ? items : List.of(value);
		for (Object item : texts) {
			String text = item.toString();
			int words = wordCount(text);
			if ((field.minWords() != null && words < field.minWords())
					|| (field.maxWords() != null && words > field.maxWords())) {
				violations.add(field.name() + ": " + words + " words, expected "
						+ (field.minWords() == null ? "at most " + field.maxWords()
								: field.minWords() + " to " + field.maxWords()));
			}
			for (Pattern banned : this.bannedWords) {
				Matcher match = banned.matcher(text);
				if (match.find()) {
					violations.add(field.name() + ": uses the banned word '" + match.group() + "'");
				}
			}
		}
	}

	static int wordCount(String text) {
		String stripped = text.strip();
		return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
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
