package dev.sift.model;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import de.kherud.llama.LlamaModel;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a JSON schema into a llama.cpp grammar whose output always ends.
 *
 * <p>
 * llama.cpp's schema converter crashes the JVM on input it does not understand, so only a checked subset reaches it:
 * objects, arrays, strings (optionally enums), integers, numbers and booleans. Every string and array is bounded
 * (a default bound is added where the schema has none) and objects take no extra properties, so generation cannot
 * run on forever inside a string or list.
 */
final class OutputSchemaGrammar {

	static final int DEFAULT_MAX_STRING_LENGTH = 512;

	static final int DEFAULT_MAX_ITEMS = 16;

	private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "title", "description", "examples",
			"default");

	private static final Map<String, Set<String>> KEYWORDS_BY_TYPE = Map.of("object",
			Set.of("type", "properties", "required", "additionalProperties"), "array",
			Set.of("type", "items", "minItems", "maxItems", "uniqueItems"), "string",
			Set.of("type", "enum", "minLength", "maxLength"), "integer", Set.of("type", "enum", "minimum", "maximum"),
			"number", Set.of("type", "minimum", "maximum"), "boolean", Set.of("type"));

	private final Map<String, String> grammarBySchema = new ConcurrentHashMap<>();

	/** The grammar for a schema; compiled once per distinct schema text. */
	String grammarFor(String schema) {
		return this.grammarBySchema.computeIfAbsent(schema,
				text -> LlamaModel.jsonSchemaToGrammar(boundedSchema(text).toString()));
	}

	/** The schema after validation, with bounds added to unbounded strings and arrays. */
	static JsonNode boundedSchema(String schema) {
		JsonNode root;
		try {
			root = JsonMapper.shared().readTree(schema);
		}
		catch (JacksonException ex) {
			throw new InvalidModelRequestException("Output schema is not valid JSON: " + ex.getOriginalMessage());
		}
		if (!root.isObject()) {
			throw new InvalidModelRequestException("Output schema must be a JSON object, was: " + root.getNodeType());
		}
		ObjectNode bounded = (ObjectNode) root.deepCopy();
		bound(bounded, "#");
		return bounded;
	}

	private static void bound(ObjectNode node, String pointer) {
		String type = typeOf(node, pointer);
		Set<String> allowed = KEYWORDS_BY_TYPE.get(type);
		for (String keyword : node.propertyNames()) {
			if (!allowed.contains(keyword) && !ANNOTATIONS.contains(keyword)) {
				throw new InvalidModelRequestException("Output schema keyword '" + keyword + "' at " + pointer
						+ " is not supported for type " + type + "; supported: " + allowed);
			}
		}
		switch (type) {
			case "object" -> boundObject(node, pointer);
			case "array" -> boundArray(node, pointer);
			case "string" -> boundString(node, pointer);
			case "integer", "number" -> checkRange(node, pointer);
			default -> {
			}
		}
	}

	private static String typeOf(ObjectNode node, String pointer) {
		JsonNode type = node.get("type");
		if (type == null && node.has("enum")) {
			node.put("type", "string");
			return "string";
		}
		if (type == null || !type.isString() || !KEYWORDS_BY_TYPE.containsKey(type.asString())) {
			throw new InvalidModelRequestException("Output schema at " + pointer + " needs a \"type\" of "
					+ KEYWORDS_BY_TYPE.keySet() + ", found: " + type);
		}
		return type.asString();
	}

	private static void boundObject(ObjectNode node, String pointer) {
		JsonNode additional = node.get("additionalProperties");
		if (additional != null && !(additional.isBoolean() && !additional.asBoolean())) {
			throw new InvalidModelRequestException("Output schema at " + pointer
					+ " allows additional properties; only \"additionalProperties\": false is supported");
		}
		node.put("additionalProperties", false);
		JsonNode properties = node.get("properties");
		if (properties == null || !properties.isObject() || properties.isEmpty()) {
			throw new InvalidModelRequestException("Output schema object at " + pointer + " has no properties");
		}
		for (var property : properties.properties()) {
			requireObject(property.getValue(), pointer + "/properties/" + property.getKey());
			bound((ObjectNode) property.getValue(), pointer + "/properties/" + property.getKey());
		}
		JsonNode required = node.get("required");
		if (required != null) {
			// llama.cpp silently ignores a "required" that is not a list of names.
			if (!required.isArray()) {
				throw new InvalidModelRequestException(
						"Output schema at " + pointer + " needs \"required\" to be a list of property names");
			}
			for (JsonNode name : required) {
				if (!name.isString() || !properties.has(name.asString())) {
					throw new InvalidModelRequestException("Output schema at " + pointer + " requires '"
							+ name.asString() + "', which is not among its properties");
				}
			}
		}
	}

	private static void boundArray(ObjectNode node, String pointer) {
		requireObject(node.get("items"), pointer + "/items");
		bound((ObjectNode) node.get("items"), pointer + "/items");
		int minItems = count(node, "minItems", pointer);
		if (!node.has("maxItems")) {
			node.put("maxItems", Math.max(minItems, DEFAULT_MAX_ITEMS));
		}
		// A grammar cannot express uniqueness; callers check it after parsing.
		node.remove("uniqueItems");
		requireOrdered(minItems, count(node, "maxItems", pointer), pointer, "minItems", "maxItems");
	}

	private static void boundString(ObjectNode node, String pointer) {
		JsonNode values = node.get("enum");
		if (values != null) {
			if (!values.isArray() || values.isEmpty()) {
				throw new InvalidModelRequestException("Output schema enum at " + pointer + " must be a non-empty list");
			}
			for (JsonNode value : values) {
				if (!value.isString() || value.asString().isEmpty()) {
					throw new InvalidModelRequestException(
							"Output schema enum at " + pointer + " may only hold non-empty strings, found: " + value);
				}
			}
			return;
		}
		int minLength = count(node, "minLength", pointer);
		if (!node.has("maxLength")) {
			node.put("maxLength", Math.max(minLength, DEFAULT_MAX_STRING_LENGTH));
		}
		requireOrdered(minLength, count(node, "maxLength", pointer), pointer, "minLength", "maxLength");
	}

	private static void checkRange(ObjectNode node, String pointer) {
		for (String bound : List.of("minimum", "maximum")) {
			if (node.has(bound) && !node.get(bound).isNumber()) {
				throw new InvalidModelRequestException(
						"Output schema " + bound + " at " + pointer + " must be a number, found: " + node.get(bound));
			}
		}
		if (node.has("minimum") && node.has("maximum")
				&& node.get("minimum").asDouble() > node.get("maximum").asDouble()) {
			throw new InvalidModelRequestException("Output schema at " + pointer + " has minimum > maximum");
		}
	}

	/**
	 * A length or item bound, 0 when absent. llama.cpp's converter reads these as C++ ints: text such as "10" throws
	 * in native code, and a maxItems that is not an integer (even 3.0) is dropped, leaving the list unbounded.
	 */
	private static int count(ObjectNode node, String keyword, String pointer) {
		JsonNode value = node.get(keyword);
		if (value == null) {
			return 0;
		}
		if (!value.isIntegralNumber() || !value.canConvertToInt()) {
			throw new InvalidModelRequestException(
					"Output schema " + keyword + " at " + pointer + " must be a whole number, found: " + value);
		}
		return value.asInt();
	}

	private static void requireOrdered(int minimum, int maximum, String pointer, String minName, String maxName) {
		if (minimum < 0 || maximum < minimum) {
			throw new InvalidModelRequestException("Output schema at " + pointer + " needs 0 <= " + minName + " <= "
					+ maxName + ", found " + minimum + " and " + maximum);
		}
	}

	private static void requireObject(JsonNode node, String pointer) {
		if (node == null || !node.isObject()) {
			throw new InvalidModelRequestException("Output schema at " + pointer + " must be a schema object");
		}
	}

}
