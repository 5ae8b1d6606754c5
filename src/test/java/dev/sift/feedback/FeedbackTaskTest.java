package dev.sift.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.sift.model.OutputSchemas;

class FeedbackTaskTest {

	private final FeedbackTask task = new FeedbackTask(FeedbackProperties.DEFAULT_TOPICS);

	@Test
	void schemaReachesTheModelUnchangedButForUniqueItems() {
		JsonNode schema = JsonMapper.shared().readTree(this.task.outputSchema());

		JsonNode bounded = OutputSchemas.bounded(this.task.outputSchema());

		// The grammar cannot express uniqueness (ReplyValidator checks it); every other bound is already explicit.
		ObjectNode expected = (ObjectNode) schema.deepCopy();
		((ObjectNode) expected.at("/properties/to")).remove("uniqueItems");
		assertThat(bounded).isEqualTo(expected);
		assertThat(schema.at("/properties/to/uniqueItems").asBoolean()).isTrue();
	}

	@Test
	void schemaAsksForEveryLabelUnderItsShortKeyAndNothingElse() {
		JsonNode schema = JsonMapper.shared().readTree(this.task.outputSchema());

		assertThat(schema.path("properties").propertyNames().stream().map(FeedbackTask.LABEL_BY_KEY::get))
			.containsExactlyElementsOf(FeedbackTask.LABEL_NAMES);
		assertThat(schema.path("required").valueStream().map(JsonNode::asString))
			.containsExactlyElementsOf(schema.path("properties").propertyNames());
		assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
	}

	@Test
	void schemaOffersTheConfiguredTopicsInOrder() {
		JsonNode schema = JsonMapper.shared().readTree(this.task.outputSchema());

		assertThat(schema.at("/properties/to/items/enum").valueStream().map(JsonNode::asString))
			.containsExactlyElementsOf(FeedbackProperties.DEFAULT_TOPICS.keySet());
		assertThat(schema.at("/properties/to/minItems").asInt()).isEqualTo(1);
		assertThat(schema.at("/properties/to/maxItems").asInt()).isEqualTo(3);
		assertThat(schema.at("/properties/su/maxLength").asInt()).isEqualTo(FeedbackTask.SUMMARY_MAX_LENGTH);
	}

	@Test
	void instructionsListEveryTopicWithItsDescription() {
		FeedbackProperties.DEFAULT_TOPICS
			.forEach((name, description) -> assertThat(this.task.instructions())
				.contains("\n- " + name + ": " + description + "\n"));
	}

	@Test
	void instructionsNameTheSummaryLimit() {
		assertThat(this.task.instructions()).contains("at most " + FeedbackTask.SUMMARY_MAX_LENGTH + " characters");
	}

	@Test
	void instructionsComeFirstAndTheRecordTextLast() {
		var messages = this.task.messages("Box came late");

		assertThat(messages).extracting(message -> message.getText())
			.containsExactly(this.task.instructions(), "Feedback:\nBox came late");
	}

	@Test
	void promptVersionIsStableForTheSameInputs() {
		FeedbackTask again = new FeedbackTask(new LinkedHashMap<>(FeedbackProperties.DEFAULT_TOPICS));

		assertThat(again.promptVersion("tiny.gguf")).isEqualTo(this.task.promptVersion("tiny.gguf"))
			.matches("[0-9a-f]{12}");
	}

	@Test
	void promptVersionChangesWithTheModel() {
		assertThat(this.task.promptVersion("other.gguf")).isNotEqualTo(this.task.promptVersion("tiny.gguf"));
	}

	@Test
	void promptVersionChangesWithTheTopics() {
		Map<String, String> added = new LinkedHashMap<>(FeedbackProperties.DEFAULT_TOPICS);
		added.put("returns", "sending products back");
		Map<String, String> redescribed = new LinkedHashMap<>(FeedbackProperties.DEFAULT_TOPICS);
		redescribed.put("billing", "money");

		List<String> versions = List.of(this.task.promptVersion("tiny.gguf"),
				new FeedbackTask(added).promptVersion("tiny.gguf"),
				new FeedbackTask(redescribed).promptVersion("tiny.gguf"));

		assertThat(versions).doesNotHaveDuplicates();
	}

}
