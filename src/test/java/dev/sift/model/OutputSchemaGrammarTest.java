package dev.sift.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.converter.BeanOutputConverter;

/**
 * Only {@link OutputSchemaGrammar#boundedSchema(String)}: it is pure Java, while {@code grammarFor} loads llama.cpp.
 */
class OutputSchemaGrammarTest {

	enum Mood {

		HAPPY, ANGRY

	}

	record Reply(Mood mood, List<Mood> moods, int score, long total, double ratio) {
	}

	@Test
	void acceptsSpringAisSchemaOfARecordByInliningItsDefinitions() {
		String schema = new BeanOutputConverter<>(Reply.class).getJsonSchema();

		JsonNode bounded = OutputSchemaGrammar.boundedSchema(schema);

		assertThat(bounded.has("$defs")).isFalse();
		assertThat(bounded.toString()).doesNotContain("$ref");
		assertThat(bounded.at("/properties/mood/enum").toString()).isEqualTo("[\"HAPPY\",\"ANGRY\"]");
		assertThat(bounded.at("/properties/moods/items/enum").toString()).isEqualTo("[\"HAPPY\",\"ANGRY\"]");
		assertThat(bounded.at("/properties/moods/maxItems").asInt()).isEqualTo(OutputSchemaGrammar.DEFAULT_MAX_ITEMS);
	}

	@Test
	void boundsJavaIntsSoThatTheReplyFitsAndLeavesOtherNumbersAlone() {
		String schema = new BeanOutputConverter<>(Reply.class).getJsonSchema();

		JsonNode properties = OutputSchemaGrammar.boundedSchema(schema).get("properties");

		// llama.cpp reads INT_MIN and INT_MAX as "no bound", so the bounds stay one inside them.
		assertThat(properties.at("/score/minimum").asLong()).isEqualTo(-(Integer.MAX_VALUE - 1L));
		assertThat(properties.at("/score/maximum").asLong()).isEqualTo(Integer.MAX_VALUE - 1L);
		assertThat(properties.get("total").has("maximum")).isFalse();
		assertThat(properties.get("ratio").has("maximum")).isFalse();
		assertThat(properties.findValues("format")).isEmpty();
	}

	@Test
	void addsDefaultMaxLengthToUnboundedStrings() {
		JsonNode bounded = OutputSchemaGrammar.boundedSchema(object("\"name\": {\"type\": \"string\"}"));

		assertThat(bounded.at("/properties/name/maxLength").asInt())
			.isEqualTo(OutputSchemaGrammar.DEFAULT_MAX_STRING_LENGTH);
	}

	@Test
	void defaultMaxLengthIsNeverBelowMinLength() {
		JsonNode bounded = OutputSchemaGrammar
			.boundedSchema(object("\"name\": {\"type\": \"string\", \"minLength\": 600}"));

		assertThat(bounded.at("/properties/name/maxLength").asInt()).isEqualTo(600);
	}

	@Test
	void keepsAnExplicitMaxLength() {
		JsonNode bounded = OutputSchemaGrammar
			.boundedSchema(object("\"name\": {\"type\": \"string\", \"maxLength\": 20}"));

		assertThat(bounded.at("/properties/name/maxLength").asInt()).isEqualTo(20);
	}

	@Test
	void addsDefaultMaxItemsToUnboundedArrays() {
		JsonNode bounded = OutputSchemaGrammar
			.boundedSchema(object("\"tags\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}}"));

		assertThat(bounded.at("/properties/tags/maxItems").asInt()).isEqualTo(OutputSchemaGrammar.DEFAULT_MAX_ITEMS);
		assertThat(bounded.at("/properties/tags/items/maxLength").asInt())
			.isEqualTo(OutputSchemaGrammar.DEFAULT_MAX_STRING_LENGTH);
	}

	@Test
	void forcesAdditionalPropertiesFalseOnEveryObject() {
		JsonNode bounded = OutputSchemaGrammar.boundedSchema(
				object("\"inner\": {\"type\": \"object\", \"properties\": {\"n\": {\"type\": \"integer\"}}}"));

		assertThat(bounded.path("additionalProperties").isBoolean()).isTrue();
		assertThat(bounded.path("additionalProperties").asBoolean()).isFalse();
		assertThat(bounded.at("/properties/inner/additionalProperties").asBoolean(true)).isFalse();
	}

	@Test
	void acceptsAdditionalPropertiesFalse() {
		JsonNode bounded = OutputSchemaGrammar.boundedSchema("""
				{"type": "object", "properties": {"ok": {"type": "boolean"}}, "additionalProperties": false}
				""");

		assertThat(bounded.path("additionalProperties").asBoolean(true)).isFalse();
	}

	@Test
	void stripsUniqueItemsBecauseAGrammarCannotExpressIt() {
		JsonNode bounded = OutputSchemaGrammar.boundedSchema(object("""
				"tags": {"type": "array", "items": {"type": "string", "enum": ["a", "b"]}, "uniqueItems": true,
				         "maxItems": 2}
				"""));

		assertThat(bounded.at("/properties/tags").has("uniqueItems")).isFalse();
		assertThat(bounded.at("/properties/tags/maxItems").asInt()).isEqualTo(2);
	}

	@Test
	void acceptsEnumOnlyNodesAsStrings() {
		JsonNode bounded = OutputSchemaGrammar.boundedSchema(object("\"mood\": {\"enum\": [\"good\", \"bad\"]}"));

		assertThat(bounded.at("/properties/mood/type").asString()).isEqualTo("string");
		// An enum bounds itself: no length is added.
		assertThat(bounded.at("/properties/mood").has("maxLength")).isFalse();
	}

	@Test
	void keepsAnnotations() {
		JsonNode bounded = OutputSchemaGrammar.boundedSchema("""
				{"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Reply", "type": "object",
				 "properties": {"n": {"type": "number", "description": "a number", "minimum": 0, "maximum": 1}}}
				""");

		assertThat(bounded.path("title").asString()).isEqualTo("Reply");
		assertThat(bounded.at("/properties/n/description").asString()).isEqualTo("a number");
	}

	@Test
	void leavesTheInputTextUnchanged() {
		String schema = object("\"name\": {\"type\": \"string\"}");
		JsonNode before = JsonMapper.shared().readTree(schema);

		OutputSchemaGrammar.boundedSchema(schema);

		assertThat(JsonMapper.shared().readTree(schema)).isEqualTo(before);
	}

	@Test
	void rejectsInvalidJson() {
		assertThatThrownBy(() -> OutputSchemaGrammar.boundedSchema("{\"type\": \"object\""))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessageStartingWith("Output schema is not valid JSON");
	}

	@ParameterizedTest
	@ValueSource(strings = { "[]", "\"object\"", "42", "true" })
	void rejectsNonObjectRoot(String schema) {
		assertThatThrownBy(() -> OutputSchemaGrammar.boundedSchema(schema))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessageStartingWith("Output schema must be a JSON object");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			pattern          | {"type": "string", "pattern": "^a+$"}
			format           | {"type": "string", "format": "date"}
			anyOf            | {"type": "string", "anyOf": [{"type": "string"}]}
			const            | {"type": "string", "const": "x"}
			exclusiveMinimum | {"type": "integer", "exclusiveMinimum": 0}
			prefixItems      | {"type": "array", "items": {"type": "string"}, "prefixItems": []}
			""")
	void rejectsUnknownKeywordsNamingTheirJsonPointer(String keyword, String property) {
		assertThatThrownBy(() -> OutputSchemaGrammar.boundedSchema(object("\"field\": " + property)))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessageContaining("'" + keyword + "'")
			.hasMessageContaining("#/properties/field");
	}

	@Test
	void rejectsUnknownKeywordsInNestedItemsWithTheirPointer() {
		String schema = object("""
				"list": {"type": "array", "items": {"type": "object",
				         "properties": {"x": {"type": "string", "pattern": "a"}}}}
				""");

		assertThatThrownBy(() -> OutputSchemaGrammar.boundedSchema(schema))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessageContaining("'pattern' at #/properties/list/items/properties/x");
	}

	@Test
	void rejectsKeywordsOfAnotherType() {
		assertThatThrownBy(
				() -> OutputSchemaGrammar.boundedSchema(object("\"n\": {\"type\": \"integer\", \"maxLength\": 3}")))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessageContaining("'maxLength' at #/properties/n is not supported for type integer");
	}

	@Test
	void rejectsAdditionalPropertiesTrue() {
		assertThatThrownBy(() -> OutputSchemaGrammar.boundedSchema("""
				{"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": true}
				"""))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessageContaining("at # allows additional properties");
	}

	@Test
	void rejectsUnboundedAdditionalPropertiesSchema() {
		assertThatThrownBy(() -> OutputSchemaGrammar.boundedSchema(object("""
				"inner": {"type": "object", "properties": {"a": {"type": "string"}},
				          "additionalProperties": {"type": "string"}}
				""")))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessageContaining("at #/properties/inner allows additional properties");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"type\": \"object\"}", "{\"type\": \"object\", \"properties\": {}}",
			"{\"type\": \"object\", \"properties\": []}" })
	void rejectsObjectsWithoutProperties(String schema) {
		assertThatThrownBy(() -> OutputSchemaGrammar.boundedSchema(schema))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessage("Output schema object at # has no properties");
	}

	@Test
	void rejectsPropertiesThatAreNotSchemaObjects() {
		assertThatThrownBy(() -> OutputSchemaGrammar.boundedSchema(object("\"a\": true")))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessage("Output schema at #/properties/a must be a schema object");
	}

	@Test
	void rejectsArraysWithoutItems() {
		assertThatThrownBy(() -> OutputSchemaGrammar.boundedSchema(object("\"a\": {\"type\": \"array\"}")))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessage("Output schema at #/properties/a/items must be a schema object");
	}

	@Test
	void rejectsRequiredNamesThatAreNotProperties() {
		assertThatThrownBy(() -> OutputSchemaGrammar.boundedSchema("""
				{"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a", "b"]}
				"""))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessageContaining("at # requires 'b', which is not among its properties");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"a\"", "{\"a\": true}", "[1]" })
	void rejectsRequiredThatIsNotAListOfNames(String required) {
		// llama.cpp would silently ignore such a "required": the fields would become optional.
		assertThatThrownBy(() -> OutputSchemaGrammar.boundedSchema("""
				{"type": "object", "properties": {"a": {"type": "string"}, "1": {"type": "string"}}, "required": %s}
				""".formatted(required))).isInstanceOf(InvalidModelRequestException.class);
	}

	@Test
	void rejectsMinLengthAboveMaxLength() {
		assertThatThrownBy(() -> OutputSchemaGrammar
			.boundedSchema(object("\"s\": {\"type\": \"string\", \"minLength\": 5, \"maxLength\": 4}")))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessage("Output schema at #/properties/s needs 0 <= minLength <= maxLength, found 5 and 4");
	}

	@Test
	void rejectsNegativeMinLength() {
		assertThatThrownBy(
				() -> OutputSchemaGrammar.boundedSchema(object("\"s\": {\"type\": \"string\", \"minLength\": -1}")))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessageContaining("minLength at #/properties/s must be a whole number from 0");
	}

	@Test
	void rejectsReferencesToMissingDefinitions() {
		assertThatThrownBy(() -> OutputSchemaGrammar
			.boundedSchema(object("\"field\": {\"type\": \"string\", \"$ref\": \"#/$defs/x\"}")))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessageContaining("#/$defs/x");
	}

	@Test
	void rejectsMinItemsAboveMaxItems() {
		assertThatThrownBy(() -> OutputSchemaGrammar.boundedSchema(object("""
				"a": {"type": "array", "items": {"type": "boolean"}, "minItems": 3, "maxItems": 2}
				""")))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessage("Output schema at #/properties/a needs 0 <= minItems <= maxItems, found 3 and 2");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			maxLength | {"type": "string", "maxLength": "10"}
			minLength | {"type": "string", "minLength": 1.5}
			maxLength | {"type": "string", "maxLength": 10000000000}
			maxItems  | {"type": "array", "items": {"type": "string"}, "maxItems": 3.0}
			minItems  | {"type": "array", "items": {"type": "string"}, "minItems": "1"}
			""")
	void rejectsBoundsThatAreNotWholeNumbers(String keyword, String property) {
		// llama.cpp aborts on a textual bound and ignores a non-integral maxItems, leaving the list unbounded.
		assertThatThrownBy(() -> OutputSchemaGrammar.boundedSchema(object("\"field\": " + property)))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessageStartingWith("Output schema " + keyword + " at #/properties/field must be a whole number");
	}

	@Test
	void rejectsMinimumAboveMaximum() {
		assertThatThrownBy(() -> OutputSchemaGrammar
			.boundedSchema(object("\"n\": {\"type\": \"integer\", \"minimum\": 5, \"maximum\": 1}")))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessage("Output schema at #/properties/n has minimum > maximum");
	}

	@Test
	void rejectsTextualMinimum() {
		assertThatThrownBy(() -> OutputSchemaGrammar
			.boundedSchema(object("\"n\": {\"type\": \"integer\", \"minimum\": \"5\"}")))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessageStartingWith("Output schema minimum at #/properties/n must be a whole number");
	}

	@ParameterizedTest
	@ValueSource(strings = { "[]", "\"a\"" })
	void rejectsEmptyOrNonListEnum(String values) {
		assertThatThrownBy(() -> OutputSchemaGrammar
			.boundedSchema(object("\"e\": {\"type\": \"string\", \"enum\": " + values + "}")))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessage("Output schema enum at #/properties/e must be a non-empty list");
	}

	@ParameterizedTest
	@ValueSource(strings = { "[\"a\", 1]", "[\"a\", null]", "[\"a\", \"\"]", "[[\"a\"]]" })
	void rejectsEnumValuesThatAreNotNonEmptyStrings(String values) {
		assertThatThrownBy(() -> OutputSchemaGrammar.boundedSchema(object("\"e\": {\"enum\": " + values + "}")))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessageStartingWith("Output schema enum at #/properties/e may only hold non-empty strings");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"maxLength\": 3}", "{\"type\": \"null\"}", "{\"type\": [\"string\", \"null\"]}",
			"{\"type\": 1}" })
	void rejectsMissingOrUnsupportedType(String property) {
		assertThatThrownBy(() -> OutputSchemaGrammar.boundedSchema(object("\"x\": " + property)))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessageStartingWith("Output schema at #/properties/x needs a \"type\"");
	}

	@Test
	void rejectsARootWithoutType() {
		assertThatThrownBy(() -> OutputSchemaGrammar.boundedSchema("{\"properties\": {\"a\": {\"type\": \"string\"}}}"))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessageStartingWith("Output schema at # needs a \"type\"");
	}

	private static String object(String properties) {
		return "{\"type\": \"object\", \"properties\": {" + properties + "}}";
	}

	@Test
	void compactGrammarAllowsNoWhitespaceBetweenJsonTokens() {
		String grammar = "root ::= \"{\" space a-kv \"}\" space\nspace ::= | \" \" | \"\\n\"{1,2} [ \\t]{0,20}\n";

		assertThat(OutputSchemaGrammar.compact(grammar))
			.isEqualTo("root ::= \"{\" space a-kv \"}\" space\nspace ::= \"\"\n");
	}

}
