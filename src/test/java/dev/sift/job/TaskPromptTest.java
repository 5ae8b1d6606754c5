package dev.sift.job;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;

import dev.sift.definition.ClassifySpec;
import dev.sift.definition.FieldSpec;
import dev.sift.definition.JobSpec;
import dev.sift.model.OutputSchemas;
import dev.sift.result.ResultStatus;
import dev.sift.source.SourceRecord;
import dev.sift.testing.TestSpecs;

import static org.assertj.core.api.Assertions.assertThat;

class TaskPromptTest {

	private final JobSpec feedback = TestSpecs.shipped("classify-feedback");

	private final TaskPrompt task = TaskPrompt.of(this.feedback);

	private final TaskPrompt copy = TaskPrompt.of(TestSpecs.shipped("product-copy"));

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
	void schemaAsksForEveryFieldUnderATwoLetterKeyAndNothingElse() {
		JsonNode schema = JsonMapper.shared().readTree(this.task.outputSchema());

		assertThat(schema.path("properties").propertyNames()).containsExactly("se", "to", "ur", "su", "la");
		assertThat(schema.path("required").valueStream().map(JsonNode::asString))
			.containsExactlyElementsOf(schema.path("properties").propertyNames());
		assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
		assertThat(this.task.fieldNames()).containsExactly("sentiment", "topics", "urgency", "summary", "language");
	}

	@Test
	void schemaOffersTheSpecsLabelsInOrderWithTheirBounds() {
		JsonNode schema = JsonMapper.shared().readTree(this.task.outputSchema());
		FieldSpec topics = this.feedback.task().fields().get(1);

		assertThat(schema.at("/properties/to/items/enum").valueStream().map(JsonNode::asString))
			.containsExactlyElementsOf(topics.labels().keySet());
		assertThat(schema.at("/properties/to/minItems").asInt()).isEqualTo(1);
		assertThat(schema.at("/properties/to/maxItems").asInt()).isEqualTo(3);
		assertThat(schema.at("/properties/su/maxLength").asInt()).isEqualTo(160);
		assertThat(schema.at("/properties/su/minLength").asInt()).as("a blank answer is no answer").isEqualTo(1);
	}

	@Test
	void keysThatWouldCollideTakeALaterLetter() {
		ReplyKeys keys = new ReplyKeys(List.of(field("summary"), field("sunny"), field("sum")));

		assertThat(List.of(keys.keyOf("summary"), keys.keyOf("sunny"), keys.keyOf("sum")))
			.containsExactly("su", "sn", "sm");
	}

	@Test
	void instructionsNameEveryKeyItsFieldAndEveryLabelWithItsDescription() {
		String instructions = this.task.instructions();

		assertThat(instructions).startsWith("You classify customer feedback for a support team.");
		assertThat(instructions).contains("- to (topics, most important first): 1 to 3 of billing (charges, refunds");
		assertThat(instructions).contains("- su (summary, one sentence in English): text, at most 160 characters");
		this.feedback.task().fields().get(1).labels()
			.forEach((name, description) -> assertThat(instructions).contains(name + " (" + description + ")"));
	}

	@Test
	void instructionsAndExamplesComeFirstAndTheRecordLastWithItsExtraColumns() {
		SourceRecord record = SourceRecord.good("f.csv", "1", "Box came late", Map.of("channel", "email",
				"product", ""), 2);

		List<Message> messages = this.task.messages(record);

		assertThat(messages).extracting(Message::getMessageType)
			.containsExactly(MessageType.SYSTEM, MessageType.USER, MessageType.ASSISTANT, MessageType.USER);
		ClassifySpec.Example example = ((ClassifySpec) this.feedback.task()).examples().get(0);
		assertThat(messages.get(1).getText()).isEqualTo("Text:\n" + example.text());
		assertThat(JsonMapper.shared().readTree(messages.get(2).getText()).at("/to/1").asString()).isEqualTo("product");
		assertThat(this.task.validate(messages.get(2).getText()).isValid()).as("the example obeys the rules").isTrue();
		assertThat(messages.get(3).getText()).isEqualTo("channel: email\n\nText:\nBox came late");
	}

	@Test
	void generatedTextFillsThePromptTemplateWithTheRecordsColumns() {
		SourceRecord product = SourceRecord.good("p.csv", "SKU-1", "Cast-iron pan",
				Map.of("category", "cookware", "features", "pre-seasoned; oven-safe", "materials", "iron",
						"audience", ""),
				2);

		List<Message> messages = this.copy.messages(product);

		assertThat(messages).hasSize(2);
		assertThat(messages.get(1).getText()).isEqualTo("""
				Product: Cast-iron pan
				Category: cookware
				Features: pre-seasoned; oven-safe
				Materials: iron
				For:""");
		assertThat(messages.get(0).getText()).contains("Tone: warm, plain and confident")
			.contains("Never use these words: revolutionary, best-in-class")
			.contains("- de (description): text, 25 to 60 words")
			.contains("- bu (bullets, three short selling points): a list of exactly 3 texts, each at most 80 characters");
	}

	@Test
	void validGeneratedTextIsADraftAndValidClassificationsAreOk() {
		assertThat(this.copy.validStatus()).isEqualTo(ResultStatus.DRAFT);
		assertThat(this.task.validStatus()).isEqualTo(ResultStatus.OK);
	}

	@Test
	void promptVersionIsStableForTheSameSpecAndModel() {
		assertThat(TaskPrompt.of(this.feedback).promptVersion("tiny.gguf"))
			.isEqualTo(this.task.promptVersion("tiny.gguf"))
			.matches("[0-9a-f]{12}");
	}

	@Test
	void promptVersionChangesWithTheModelTheTaskOrTheExamples() {
		ClassifySpec classify = (ClassifySpec) this.feedback.task();
		ClassifySpec noExamples = new ClassifySpec(classify.instructions(), classify.fields(), List.of());
		ClassifySpec otherWords = new ClassifySpec("Classify feedback.", classify.fields(), classify.examples());

		List<String> versions = List.of(this.task.promptVersion("tiny.gguf"), this.task.promptVersion("other.gguf"),
				TaskPrompt.of(withTask(noExamples)).promptVersion("tiny.gguf"),
				TaskPrompt.of(withTask(otherWords)).promptVersion("tiny.gguf"));

		assertThat(versions).doesNotHaveDuplicates();
	}

	@Test
	void aTaskSharedThroughTaskFromHasTheSamePromptVersion() {
		assertThat(TaskPrompt.of(TestSpecs.shipped("classify-feedback-postgres")).promptVersion("m"))
			.isEqualTo(this.task.promptVersion("m"));
	}

	private JobSpec withTask(ClassifySpec task) {
		return new JobSpec(this.feedback.name(), "", this.feedback.file(), this.feedback.source(), task,
				this.feedback.outputs(), null, null, 1, Map.of());
	}

	private static FieldSpec field(String name) {
		return new FieldSpec(name, FieldSpec.FieldType.BOOLEAN, "", null, 0, 0, 0, 0, null, null, null, null);
	}

	@Test
	void checkOfValuesAPersonGaveAppliesTheRulesOfReplies() {
		Map<String, Object> valid = Map.of("sentiment", "negative", "topics", List.of("billing"), "urgency", "high",
				"summary", "Charged twice.", "language", "en");

		assertThat(this.task.check(valid)).isEmpty();
		assertThat(this.task.check(Map.of("sentiment", "furious", "topics", List.of(), "urgency", "high", "summary",
				"x".repeat(161), "language", "en")))
			.containsExactlyInAnyOrder("sentiment: 'furious' is not one of [\"positive\",\"neutral\",\"negative\",\"mixed\"]",
					"topics: expected 1 to 3 items, found 0", "summary: 161 characters, expected 1 to 160");
	}

	@Test
	void checkOfCopyCountsWordsAndFindsBannedWords() {
		String twentyFiveWords = "A warm and sturdy kettle " .repeat(5).strip();

		assertThat(this.copy.check(Map.of("description", "Cheap and cheerful.", "tagline", "A kettle",
				"bullets", List.of("One", "Two", "Three"))))
			.containsExactlyInAnyOrder("description: 3 words, expected 25 to 60",
					"description: uses the banned word 'Cheap'");
		assertThat(this.copy.check(Map.of("description", twentyFiveWords, "tagline", "A kettle", "bullets",
				List.of("One", "Two", "Three")))).isEmpty();
		assertThat(TaskPrompt.wordCount(twentyFiveWords)).isEqualTo(25);
	}

	@Test
	void fieldsOfARawReplyAreNamedEvenWhenTheReplyBrokeTheRules() {
		assertThat(this.task.fieldsOf("{\"se\": \"furious\", \"to\": [\"billing\"]}"))
			.containsEntry("sentiment", "furious")
			.containsEntry("topics", List.of("billing"));
		assertThat(this.task.fieldsOf("{\"se\": ")).isEmpty();
		assertThat(this.task.fieldsOf(null)).isEmpty();
	}

}
