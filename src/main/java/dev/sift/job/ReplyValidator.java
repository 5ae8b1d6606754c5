package dev.sift.job;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.sift.definition.FieldSpec;

/**
 * Checks a model reply in two steps: against the output schema (json-schema-validator), then against Sift's rules
 * that a schema cannot hold: word counts, banned words and blank texts. The grammar already keeps the reply to the
 * schema's shape, but not to everything in it: a reply cut off by the token limit, a blank summary, the same topic
 * twice, too many words or a banned word all pass the grammar and are caught here. Every problem is told as
 * {@code field: what is wrong}, with the field's full name, for the reviewer who reads it on the review page.
 */
final class ReplyValidator {

	private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	private final JsonNode schemaNode;

	private final Schema schema;

	private final Map<String, String> labelByKey;

	private final List<FieldSpec> fields;

	private final List<Pattern> bannedWords;

	/**
	 * @param labelByKey the field each JSON key of the reply stands for; labels and violations use field names
	 * @param fields the fields, for the rules a schema cannot express: word counts, banned words, blank texts
	 * @param bannedWords words no text may contain, matched case-insensitively as whole words
	 */
	ReplyValidator(String schema, Map<String, String> labelByKey, List<FieldSpec> fields, List<String> bannedWords) {
		this.schemaNode = JsonMapper.shared().readTree(schema);
		this.schema = SCHEMAS.getSchema(this.schemaNode);
		// Validators are otherwise made on first use, and replies are validated from several threads at once.
		this.schema.initializeValidators();
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
		List<String> violations = schemaViolations(value);
		if (!violations.isEmpty()) {
			return new Validation(Map.of(), violations);
		}
		Map<String, Object> labels = labelsOf(value);
		for (FieldSpec field : this.fields) {
			checkTexts(field, labels.get(field.name()), violations);
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

	/** Sift's own rules for each text and list item: not blank, within the word counts, free of banned words. */
	private void checkTexts(FieldSpec field, Object value, List<String> violations) {
		if (value == null || (field.type() != FieldSpec.FieldType.TEXT && field.type() != FieldSpec.FieldType.LIST)) {
			return;
		}
		List<?> texts = value instanceof List<?> items ? items : List.of(value);
		for (int i = 0; i < texts.size(); i++) {
			String name = field.type() == FieldSpec.FieldType.LIST ? field.name() + "[" + i + "]" : field.name();
			String text = texts.get(i).toString();
			if (text.isBlank()) {
				violations.add(name + ": blank");
				continue;
			}
			int words = wordCount(text);
			if ((field.minWords() != null && words < field.minWords())
					|| (field.maxWords() != null && words > field.maxWords())) {
				violations.add(name + ": " + words + " words, expected "
						+ (field.minWords() == null ? "at most " + field.maxWords()
								: field.minWords() + " to " + field.maxWords()));
			}
			for (Pattern banned : this.bannedWords) {
				Matcher match = banned.matcher(text);
				if (match.find()) {
					violations.add(name + ": uses the banned word '" + match.group() + "'");
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

	/**
	 * What the schema finds wrong, one message per problem. A value of the wrong type gets one message and nothing
	 * more: that text 1 is not one of the labels either goes without saying.
	 */
	private List<String> schemaViolations(JsonNode value) {
		List<Error> errors = this.schema.validate(value);
		List<NodePath> wrongType = errors.stream()
			.filter(error -> error.getKeyword().equals("type"))
			.map(Error::getInstanceLocation)
			.toList();
		List<String> violations = new ArrayList<>();
		for (Error error : errors) {
			if (error.getKeyword().equals("type")
					|| wrongType.stream().noneMatch(error.getInstanceLocation()::startsWith)) {
				violations.addAll(describe(error));
			}
		}
		return violations;
	}

	/** A schema error in words: the keywords Sift's schemas use, and the library's own message for any other. */
	private List<String> describe(Error error) {
		JsonNode value = error.getInstanceNode();
		String name = nameOf(error.getInstanceLocation());
		return switch (error.getKeyword()) {
			case "type" -> List.of(name + ": expected " + kindOf(error.getSchemaNode()) + ", found " + shown(value));
			case "enum" -> List.of(name + ": " + quoted(value) + " is not one of " + error.getSchemaNode());
			case "required" -> List.of(nameOf(error.getInstanceLocation().append(error.getProperty())) + ": missing");
			case "additionalProperties" ->
				List.of(nameOf(error.getInstanceLocation().append(error.getProperty())) + ": not an expected field");
			case "minItems", "maxItems" -> List.of(name + ": expected " + bounds(error, "minItems", "maxItems")
					+ " items, found " + value.size());
			case "uniqueItems" -> repeated(name, value);
			case "minLength", "maxLength" -> List.of(name + ": " + lengthProblem(error, value.asString()));
			case "minimum", "maximum" ->
				List.of(name + ": " + value + ", expected " + bounds(error, "minimum", "maximum"));
			default -> List.of(name + ": " + error.getMessage());
		};
	}

	/** {@code topics[1]} for the second topic: the reply's keys by field name, list items by position. */
	private String nameOf(NodePath location) {
		if (location.getNameCount() == 0) {
			return "reply";
		}
		StringBuilder name = new StringBuilder();
		for (int i = 0; i < location.getNameCount(); i++) {
			Object element = location.getElement(i);
			if (element instanceof Integer index) {
				name.append('[').append(index).append(']');
			}
			else {
				name.append(i == 0 ? labelOf(element.toString()) : "." + element);
			}
		}
		return name.toString();
	}

	/** A blank text is told as such: that it has too few characters would be true but less plain. */
	private String lengthProblem(Error error, String text) {
		return text.isBlank() ? "blank"
				: codePoints(text) + " characters, expected " + bounds(error, "minLength", "maxLength");
	}

	/** The range a size or number must lie in, from the schema holding the broken keyword. */
	private String bounds(Error error, String lowKeyword, String highKeyword) {
		JsonNode holder = this.schemaNode.at(error.getSchemaLocation().getFragment().getParent().toString());
		JsonNode low = holder.get(lowKeyword);
		JsonNode high = holder.get(highKeyword);
		if (low != null && high != null) {
			return low + " to " + high;
		}
		return low != null ? "at least " + low : "at most " + high;
	}

	private static List<String> repeated(String name, JsonNode items) {
		List<String> violations = new ArrayList<>();
		Set<JsonNode> seen = new HashSet<>();
		for (JsonNode item : items) {
			if (!seen.add(item)) {
				violations.add(name + ": " + item + " appears more than once");
			}
		}
		return violations;
	}

	private static String kindOf(JsonNode type) {
		List<String> kinds = new ArrayList<>();
		for (JsonNode each : type.isArray() ? type : List.of(type)) {
			kinds.add(switch (each.asString()) {
				case "object" -> "an object";
				case "array" -> "a list";
				case "string" -> "text";
				case "integer" -> "an integer";
				case "number" -> "a number";
				case "boolean" -> "true or false";
				default -> each.asString();
			});
		}
		return String.join(" or ", kinds);
	}

	private static String quoted(JsonNode value) {
		return value.isString() ? "'" + value.asString() + "'" : value.toString();
	}

	private static String shown(JsonNode value) {
		return value.isMissingNode() ? "nothing" : value.toString();
	}

	/** Characters as JSON Schema counts them: an emoji is one. */
	private static int codePoints(String text) {
		return text.codePointCount(0, text.length());
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
