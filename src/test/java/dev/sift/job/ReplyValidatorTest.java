package dev.sift.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.sift.definition.FieldSpec;
import dev.sift.definition.FieldSpec.FieldType;
import dev.sift.job.ReplyValidator.Validation;
import dev.sift.testing.TestSpecs;

class ReplyValidatorTest {

	private static final int SUMMARY_MAX_LENGTH = 160;

	private final TaskPrompt validator = TaskPrompt.of(TestSpecs.shipped("classify-feedback"));

	@Test
	void validReplyBecomesLabelsWithTopicsAsAList() {
		Validation validation = this.validator.validate(reply("\"negative\"", "[\"delivery\", \"billing\"]", "\"high\"",
				"\"Box came late and was charged twice.\"", "\"en\""));

		assertThat(validation.isValid()).isTrue();
		assertThat(validation.violations()).isEmpty();
		assertThat(validation.labels()).containsOnly(entry("sentiment", "negative"),
				entry("topics", List.of("delivery", "billing")), entry("urgency", "high"),
				entry("summary", "Box came late and was charged twice."), entry("language", "en"));
	}

	@Test
	void truncatedReplyIsNotCompleteJson() {
		Validation validation = this.validator.validate("{\"se\": \"negative\", \"to\": [\"deliv");

		assertThat(validation.isValid()).isFalse();
		assertThat(validation.labels()).isEmpty();
		assertThat(validation.violations()).singleElement().asString().startsWith("reply is not complete JSON: ");
	}

	@Test
	void textAfterTheObjectIsRejected() {
		assertThat(this.validator.validate(valid() + " Hope this helps!").violations()).singleElement()
			.asString()
			.startsWith("reply is not complete JSON: ");
	}

	@Test
	void emptyReplyIsNotAnObject() {
		assertThat(this.validator.validate("").violations())
			.containsExactly("reply: expected an object, found nothing");
	}

	@Test
	void replyThatIsNotAnObjectIsRejected() {
		assertThat(this.validator.validate("[\"positive\"]").violations())
			.containsExactly("reply: expected an object, found [\"positive\"]");
	}

	@Test
	void duplicateTopicIsRejected() {
		Validation validation = this.validator
			.validate(reply("\"negative\"", "[\"delivery\", \"delivery\"]", "\"high\"", "\"Late.\"", "\"en\""));

		assertThat(validation.violations()).containsExactly("topics: \"delivery\" appears more than once");
		assertThat(validation.labels()).isEmpty();
	}

	@Test
	void unknownTopicIsRejected() {
		Validation validation = this.validator
			.validate(reply("\"negative\"", "[\"delivery\", \"weather\"]", "\"high\"", "\"Late.\"", "\"en\""));

		assertThat(validation.violations()).singleElement()
			.asString()
			.startsWith("topics[1]: 'weather' is not one of [\"billing\",\"delivery\"");
	}

	@Test
	void unknownSentimentIsRejected() {
		assertThat(this.validator
			.validate(reply("\"angry\"", "[\"delivery\"]", "\"high\"", "\"Late.\"", "\"en\""))
			.violations()).containsExactly("sentiment: 'angry' is not one of [\"positive\",\"neutral\",\"negative\",\"mixed\"]");
	}

	@Test
	void topicCountOutsideOneToThreeIsRejected() {
		assertThat(this.validator.validate(reply("\"mixed\"", "[]", "\"low\"", "\"Fine.\"", "\"en\"")).violations())
			.containsExactly("topics: expected 1 to 3 items, found 0");
		assertThat(this.validator
			.validate(reply("\"mixed\"", "[\"app\", \"billing\", \"delivery\", \"other\"]", "\"low\"", "\"Fine.\"",
					"\"en\""))
			.violations()).containsExactly("topics: expected 1 to 3 items, found 4");
	}

	@Test
	void blankSummaryIsRejected() {
		assertThat(this.validator.validate(reply("\"neutral\"", "[\"other\"]", "\"low\"", "\"   \"", "\"en\""))
			.violations()).containsExactly("summary: blank");
		assertThat(this.validator.validate(reply("\"neutral\"", "[\"other\"]", "\"low\"", "\"\"", "\"en\""))
			.violations()).containsExactly("summary: blank");
	}

	@Test
	void summaryLengthCountsCodePointsSoEmojiCountOnce() {
		String emoji = "\uD83D\uDE00";
		String atLimit = emoji.repeat(SUMMARY_MAX_LENGTH);

		Validation validation = this.validator
			.validate(reply("\"positive\"", "[\"product\"]", "\"low\"", "\"" + atLimit + "\"", "\"en\""));

		assertThat(atLimit).hasSize(2 * SUMMARY_MAX_LENGTH);
		assertThat(validation.isValid()).isTrue();
		assertThat(validation.labels()).containsEntry("summary", atLimit);
	}

	@Test
	void summaryOverOneHundredSixtyCharactersIsRejected() {
		String tooLong = "\uD83D\uDE00".repeat(SUMMARY_MAX_LENGTH + 1);

		assertThat(this.validator
			.validate(reply("\"positive\"", "[\"product\"]", "\"low\"", "\"" + tooLong + "\"", "\"en\""))
			.violations()).containsExactly("summary: 161 characters, expected 1 to 160");
		assertThat(this.validator
			.validate(reply("\"positive\"", "[\"product\"]", "\"low\"", "\"" + "a".repeat(161) + "\"", "\"en\""))
			.violations()).containsExactly("summary: 161 characters, expected 1 to 160");
	}

	@Test
	void missingFieldIsRejected() {
		String reply = "{\"se\": \"neutral\", \"to\": [\"other\"], \"ur\": \"low\", \"su\": \"Ok.\"}";

		assertThat(this.validator.validate(reply).violations()).containsExactly("language: missing");
	}

	@Test
	void extraFieldIsRejected() {
		String reply = valid().replace("}", ", \"mood\": \"calm\"}");

		assertThat(this.validator.validate(reply).violations()).containsExactly("mood: not an expected field");
	}

	@Test
	void wrongTypesAreRejectedFieldByField() {
		Validation validation = this.validator.validate(reply("1", "\"delivery\"", "null", "[\"Late.\"]", "true"));

		assertThat(validation.violations()).containsExactly("sentiment: expected text, found 1",
				"topics: expected a list, found \"delivery\"", "urgency: expected text, found null",
				"summary: expected text, found [\"Late.\"]", "language: expected text, found true");
	}

	@Test
	void wrongTypeInsideTheTopicListIsRejected() {
		assertThat(this.validator.validate(reply("\"neutral\"", "[\"other\", 2]", "\"low\"", "\"Ok.\"", "\"en\""))
			.violations()).containsExactly("topics[1]: expected text, found 2");
	}

	@Test
	void everyBrokenRuleIsReported() {
		assertThat(this.validator.validate("{\"se\": \"angry\", \"mood\": 1}").violations()).containsExactly(
				"sentiment: 'angry' is not one of [\"positive\",\"neutral\",\"negative\",\"mixed\"]",
				"topics: missing", "urgency: missing", "summary: missing", "language: missing",
				"mood: not an expected field");
	}

	@Test
	void numbersAndBooleansAreCheckedAndKeptAsSuch() {
		ReplyValidator numbers = new ReplyValidator("""
				{"type": "object", "properties": {"score": {"type": "integer", "minimum": 1, "maximum": 5},
				 "share": {"type": "number", "maximum": 1}, "spam": {"type": "boolean"}}}
				""", Map.of(), List.of(), List.of());

		assertThat(numbers.validate("{\"score\": 4, \"share\": 0.5, \"spam\": false}").labels())
			.containsOnly(entry("score", 4), entry("share", 0.5), entry("spam", false));
		assertThat(numbers.validate("{\"score\": 6, \"share\": 1.5, \"spam\": \"no\"}").violations())
			.containsExactly("score: 6, expected 1 to 5", "share: 1.5, expected at most 1",
					"spam: expected true or false, found \"no\"");
		assertThat(numbers.validate("{\"score\": 0}").violations()).containsExactly("score: 0, expected 1 to 5");
		assertThat(numbers.validate("{\"score\": 4.5}").violations())
			.containsExactly("score: expected an integer, found 4.5");
	}

	@Test
	void wordCountsOfTextsAndListItemsAreChecked() {
		FieldSpec description = new FieldSpec("description", FieldType.TEXT, "", null, 0, 0, 0, 100, 3, 5, null, null);
		FieldSpec bullets = new FieldSpec("bullets", FieldType.LIST, "", null, 1, 3, 0, 100, null, 2, null, null);
		ReplyValidator words = new ReplyValidator("""
				{"type": "object", "properties": {"de": {"type": "string"},
				 "bu": {"type": "array", "items": {"type": "string"}}}}
				""", Map.of("de", "description", "bu", "bullets"), List.of(description, bullets), List.of());

		assertThat(words.validate("{\"de\": \"one two  three\", \"bu\": [\"a b\", \"c\"]}").isValid()).isTrue();
		assertThat(words.validate("{\"de\": \"one two\", \"bu\": [\"a b c\"]}").violations())
			.containsExactly("description: 2 words, expected 3 to 5", "bullets[0]: 3 words, expected at most 2");
	}

	@Test
	void blankListItemsAreRejectedByPosition() {
		FieldSpec bullets = new FieldSpec("bullets", FieldType.LIST, "", null, 1, 3, 0, 100, null, null, null, null);
		ReplyValidator list = new ReplyValidator("""
				{"type": "object", "properties": {"bu": {"type": "array", "maxItems": 3,
				 "items": {"type": "string", "minLength": 1, "maxLength": 100}}}}
				""", Map.of("bu", "bullets"), List.of(bullets), List.of());

		assertThat(list.validate("{\"bu\": [\"Fresh\", \"  \", \"\"]}").violations())
			.as("the schema finds the empty item and stops there")
			.containsExactly("bullets[2]: blank");
		assertThat(list.validate("{\"bu\": [\"Fresh\", \"  \"]}").violations()).containsExactly("bullets[1]: blank");
		assertThat(list.validate("{\"bu\": [\"a\", \"b\", \"c\", \"d\"]}").violations())
			.containsExactly("bullets: expected at most 3 items, found 4");
	}

	@Test
	void bannedWordsAreFoundAsWholeWordsIgnoringCase() {
		FieldSpec tagline = new FieldSpec("tagline", FieldType.TEXT, "", null, 0, 0, 0, 100, null, null, null, null);
		ReplyValidator banned = new ReplyValidator("""
				{"type": "object", "properties": {"ta": {"type": "string"}}}
				""", Map.of("ta", "tagline"), List.of(tagline), List.of("cheap", "best-in-class"));

		assertThat(banned.validate("{\"ta\": \"Cheaper than you think\"}").isValid()).isTrue();
		assertThat(banned.validate("{\"ta\": \"Simply BEST-IN-CLASS, never cheap.\"}").violations())
			.containsExactly("tagline: uses the banned word 'cheap'", "tagline: uses the banned word 'BEST-IN-CLASS'");
	}

	private static String valid() {
		return reply("\"positive\"", "[\"product\"]", "\"low\"", "\"Tasty.\"", "\"en\"");
	}

	private static String reply(String sentiment, String topics, String urgency, String summary, String language) {
		return "{\"se\": " + sentiment + ", \"to\": " + topics + ", \"ur\": " + urgency
				+ ", \"su\": " + summary + ", \"la\": " + language + "}";
	}

}
