package dev.sift.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import de.kherud.llama.LlamaModel;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a JSON schema into a llama.cpp grammar whose output always ends.
 *
 * <p>
 * llama.cpp's schema converter crashes the JVM on input it does not understand, so only a checked subset reaches it:
 * objects, arrays, strings (optionally enums), integers, numbers and booleans, and references to definitions in
 * {@code $defs}, which are inlined. Every string and array is bounded (a default bound is added where the schema has
 * none) and objects take no extra properties, so generation cannot run on forever inside a string or list.
 */
final class OutputSchemaGrammar {

	static final int DEFAULT_MAX_STRING_LENGTH = 512;

	static final int DEFAULT_MAX_ITEMS = 16;

	/**
	 * llama.cpp reads integer bounds as C ints and takes INT_MIN and INT_MAX (also as the negation of a negative
	 * minimum) for "no bound": it then writes an unbounded rule, or aborts the JVM when neither bound remains.
	 */
	static final long LARGEST_INTEGER_BOUND = Integer.MAX_VALUE - 1L;

	private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "title", "description", "examples",
			"default");

	/** Where Spring AI's schema generator (victools) puts the definitions of enums and types used more than once. */
	private static final List<String> DEFINITION_KEYWORDS = List.of("$defs", "definitions");

	private static final Map<String, Set<String>> KEYWORDS_BY_TYPE = Map.of("object",
			Set.of("type", "properties", "required", "additionalProperties"), "array",
			Set.of("type", "items", "minItems", "maxItems", "uniqueItems"), "string",
			Set.of("type", "enum", "minLength", "maxLength"), "integer",
			Set.of("type", "enum", "minimum", "maximum", "format"), "number",
			Set.of("type", "minimum", "maximum", "format"), "boolean", Set.of("type"));

	private static final Pattern SPACE_RULE = Pattern.compile("(?m)^space ::= .*$");

	private final Map<String, String> grammarBySchema = new ConcurrentHashMap<>();

	/** The grammar for a schema; compiled once per distinct schema text. */
	String grammarFor(String schema) {
		return this.grammarBySchema.computeIfAbsent(schema,
				text -> compact(LlamaModel.jsonSchemaToGrammar(boundedSchema(text).toString())));
	}

	/**
	 * Drops the optional whitespace llama.cpp's grammar allows between JSON tokens (up to two newlines and twenty
	 * tabs each time): every such character costs a decoding step and says nothing.
	 */
	static String compact(String grammar) {
		return SPACE_RULE.matcher(grammar).replaceAll("space ::= \"\"");
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
		ObjectNode copy = (ObjectNode) root.deepCopy();
		ObjectNode definitions = removeDefinitions(copy);
		ObjectNode bounded = (ObjectNode) inlineReferences(copy, definitions, new ArrayDeque<>());
		bound(bounded, "#");
		return bounded;
	}

	private static ObjectNode removeDefinitions(ObjectNode root) {
		ObjectNode definitions = JsonMapper.shared().createObjectNode();
		for (String keyword : DEFINITION_KEYWORDS) {
			JsonNode found = root.remove(keyword);
			if (found != null && !found.isObject()) {
				throw new InvalidModelRequestException("Output schema " + keyword + " must be an object of schemas");
			}
			if (found != null) {
				definitions.setAll((ObjectNode) found);
			}
		}
		return definitions;
	}

	/**
	 * Replaces every {@code {"$ref": "#/$defs/Name"}} by a copy of that definition, so the checks below and
	 * llama.cpp's converter see one self-contained schema. Recursive types are refused: their output need not end.
	 */
	private static JsonNode inlineReferences(JsonNode node, ObjectNode definitions, Deque<String> expanding) {
		if (node instanceof ObjectNode object) {
			if (object.has("$ref")) {
				return inlineReference(object, definitions, expanding);
			}
			for (String name : new ArrayList<>(object.propertyNames())) {
				object.set(name, inlineReferences(object.get(name), definitions, expanding));
			}
		}
		else if (node instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				array.set(i, inlineReferences(array.get(i), definitions, expanding));
			}
		}
		return node;
	}

	private static JsonNode inlineReference(ObjectNode reference, ObjectNode definitions, Deque<String> expanding) {
		JsonNode target = reference.get("$ref");
		String name = definitionName(target);
		JsonNode definition = definitions.get(name);
		if (definition == null || !definition.isObject()) {
			throw new InvalidModelRequestException("Output schema $ref " + target + " names no schema in $defs");
		}
		if (expanding.contains(name)) {
			throw new InvalidModelRequestException(
					"Output schema $ref " + target + " is recursive; recursive schemas are not supported");
		}
		ObjectNode inlined = (ObjectNode) definition.deepCopy();
		for (String keyword : reference.propertyNames()) {
			if (!keyword.equals("$ref")) {
				inlined.putIfAbsent(keyword, reference.get(keyword));
			}
		}
		expanding.push(name);
		JsonNode result = inlineReferences(inlined, definitions, expanding);
		expanding.pop();
		return result;
	}

	private static String definitionName(JsonNode reference) {
		for (String keyword : DEFINITION_KEYWORDS) {
			String prefix = "#/" + keyword + "/";
			if (reference.isString() && reference.asString().startsWith(prefix)
					&& reference.asString().length() > prefix.length()) {
				return reference.asString().substring(prefix.length());
			}
		}
		throw new InvalidModelRequestException(
				"Output schema $ref " + reference + " is not supported; only references to #/$defs/Name are");
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
			case "integer", "number" -> boundNumber(node, pointer, type);
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
		int minItems = count(node, "minItems", pointer, 0);
		int maxItems = count(node, "maxItems", pointer, Math.max(minItems, DEFAULT_MAX_ITEMS));
		node.put("maxItems", maxItems);
		// A grammar cannot express uniqueness; callers check it after parsing.
		node.remove("uniqueItems");
		requireOrdered(minItems, maxItems, pointer, "minItems", "maxItems");
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
		int minLength = count(node, "minLength", pointer, 0);
		int maxLength = count(node, "maxLength", pointer, Math.max(minLength, DEFAULT_MAX_STRING_LENGTH));
		node.put("maxLength", maxLength);
		requireOrdered(minLength, maxLength, pointer, "minLength", "maxLength");
	}

	private static void boundNumber(ObjectNode node, String pointer, String type) {
		JsonNode format = node.remove("format");
		for (String keyword : List.of("minimum", "maximum")) {
			JsonNode bound = node.get(keyword);
			if (bound != null && !(type.equals("integer") ? isIntegerBound(bound) : bound.isNumber())) {
				throw new InvalidModelRequestException("Output schema " + keyword + " at " + pointer + " must be "
						+ (type.equals("integer") ? "a whole number within +-" + LARGEST_INTEGER_BOUND : "a number")
						+ ", found: " + bound);
			}
		}
		// Spring AI marks Java int fields as int32. llama.cpp's unbounded integers have up to 16 digits, which an int
		// cannot hold; long (int64) can, and float and double take any number the grammar writes.
		if (type.equals("integer") && format != null && format.isString() && format.asString().equals("int32")) {
			node.putIfAbsent("minimum", node.numberNode(-LARGEST_INTEGER_BOUND));
			node.putIfAbsent("maximum", node.numberNode(LARGEST_INTEGER_BOUND));
		}
		checkRange(node, pointer);
	}

	private static boolean isIntegerBound(JsonNode bound) {
		return bound.isIntegralNumber() && bound.canConvertToLong() && bound.asLong() >= -LARGEST_INTEGER_BOUND
				&& bound.asLong() <= LARGEST_INTEGER_BOUND;
	}

	/** A length or item count; llama.cpp aborts the JVM on anything but a number there. */
	private static int count(ObjectNode node, String keyword, String pointer, int fallback) {
		JsonNode value = node.get(keyword);
		if (value == null) {
			return fallback;
		}
		if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0) {
			throw new InvalidModelRequestException("Output schema " + keyword + " at " + pointer
					+ " must be a whole number from 0 to " + Integer.MAX_VALUE + ", found: " + value);
		}
		return value.asInt();
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
