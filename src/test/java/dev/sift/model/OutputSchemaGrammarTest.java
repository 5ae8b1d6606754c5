package dev.sift.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.ai.converter.BeanOutputConverter;

/** Schema checks that run in Java before llama.cpp's converter, which aborts the JVM on input it does not expect. */
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

}
