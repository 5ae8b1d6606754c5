package dev.sift.job;

import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.sift.definition.FieldSpec;

/**
 * The JSON schema of a reply: one required key per field, every string and list bounded, so the grammar made from
 * it always ends.
 */
final class ReplySchema {

	private ReplySchema() {
	}

	static String of(List<FieldSpec> fields, ReplyKeys keys) {
		JsonMapper json = JsonMapper.shared();
		ObjectNode schema = json.createObjectNode().put("type", "object");
		ObjectNode properties = schema.putObject("properties");
		ArrayNode required = schema.putArray("required");
		for (FieldSpec field : fields) {
			properties.set(keys.keyOf(field.name()), fieldSchema(json, field));
			required.add(keys.keyOf(field.name()));
		}
		schema.put("additionalProperties", false);
		return schema.toString();
	}

	private static ObjectNode fieldSchema(JsonMapper json, FieldSpec field) {
		ObjectNode node = json.createObjectNode();
		switch (field.type()) {
			case LABEL -> enumOf(node, field);
			case LABELS -> {
				node.put("type", "array").put("minItems", field.minItems()).put("maxItems", field.maxItems())
					.put("uniqueItems", true);
				enumOf(node.putObject("items"), field);
			}
			case TEXT -> text(node, field);
			case LIST -> {
				node.put("type", "array").put("minItems", field.minItems()).put("maxItems", field.maxItems());
				text(node.putObject("items"), field);
			}
			case NUMBER, INTEGER -> {
				node.put("type", field.type().code());
				if (field.minimum() != null) {
					putBound(node, "minimum", field, field.minimum());
				}
				if (field.maximum() != null) {
					putBound(node, "maximum", field, field.maximum());
				}
			}
			case BOOLEAN -> node.put("type", "boolean");
		}
		return node;
	}

	private static void enumOf(ObjectNode node, FieldSpec field) {
		node.put("type", "string");
		ArrayNode options = node.putArray("enum");
		field.labels().keySet().forEach(options::add);
	}

	/** A text is never empty: a blank answer is no answer. */
	private static void text(ObjectNode node, FieldSpec field) {
		node.put("type", "string").put("minLength", Math.max(1, field.minLength())).put("maxLength", field.maxLength());
	}

	private static void putBound(ObjectNode node, String name, FieldSpec field, double bound) {
		if (field.type() == FieldSpec.FieldType.INTEGER) {
			node.put(name, (long) bound);
		}
		else {
			node.put(name, bound);
		}
	}

}
