package dev.sift.job;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.annotation.Autowired;

import dev.sift.definition.LongText;
import dev.sift.definition.ModelSpec;
import dev.sift.result.ClassificationResult;
import dev.sift.result.ResultStatus;
import dev.sift.source.SourceRecord;
import dev.sift.testing.SiftIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records too long for one request, on the real java-llama.cpp path with the generated tiny model (its labels are
 * noise: the test checks what the policies guarantee whatever it says): {@code truncate} sends the beginning that
 * fits and says how much was dropped, {@code chunk} classifies each part and merges them, {@code fail} stores the
 * record as failed naming its file and line. The stored text is always the whole text.
 */
@SiftIntegrationTest
class LongTextTest {

	private static final int REPLY_TOKENS = 96;

	private static final String SENTENCE = "The courier left the box at the wrong door again and the spinach was "
			+ "slimy, so I want a refund for the whole week. ";

	@Autowired
	private ChatModel chatModel;

	@Autowired
	private ChatClient.Builder chatClients;

	@Autowired
	private SpecJobs jobs;

	private final TaskPrompt task = TaskPrompt.of(dev.sift.testing.TestSpecs.shipped("classify-feedback"));

	@Test
	void truncateSendsTheBeginningThatFitsAndStoresHowManyTokensWereDropped() {
		SourceRecord record = longRecord(3);

		ClassificationResult result = processor(LongText.TRUNCATE).process(record);

		assertThat(result.status()).isIn(ResultStatus.OK, ResultStatus.NEEDS_REVIEW);
		assertThat(result.inputText()).as("the whole text is stored").isEqualTo(record.text());
		assertThat(result.textHandling()).matches("truncated: (\\d+) of (\\d+) tokens dropped, (\\d+) kept "
				+ "\\(model.long-text: truncate\\)");
		String[] numbers = result.textHandling().replaceAll("[^0-9 ]", "").trim().split(" +");
		int dropped = Integer.parseInt(numbers[0]);
		int total = Integer.parseInt(numbers[1]);
		assertThat(dropped).isPositive().isLessThan(total);
		assertThat(result.attempts()).isOne();
	}

	@Test
	void chunkClassifiesEveryPartThenWritesTheTextsFromTheParts() {
		SourceRecord record = longRecord(3);
		LongTexts longTexts = longTexts();
		List<SourceRecord> parts = longTexts.parts(record);

		ClassificationResult result = processor(LongText.CHUNK).process(record);

		assertThat(parts).hasSizeGreaterThanOrEqualTo(3).allMatch(longTexts::fits);
		assertThat(String.join(" ", parts.stream().map(SourceRecord::text).toList()).replaceAll("\\s+", " "))
			.as("the parts hold the whole text, in order")
			.isEqualTo(record.text().replaceAll("\\s+", " ").strip());
		assertThat(result.textHandling()).isEqualTo("chunked: " + parts.size() + " parts (model.long-text: chunk)");
		assertThat(result.inputText()).isEqualTo(record.text());
		assertThat(result.status()).isIn(ResultStatus.OK, ResultStatus.NEEDS_REVIEW);
		assertThat(result.rawOutput()).contains("part 1 of " + parts.size() + ": ")
			.contains("part " + parts.size() + " of " + parts.size() + ": ");
		if (result.status() == ResultStatus.OK) {
			assertThat(result.rawOutput()).contains("final pass over the parts' texts: ");
			assertThat(result.attempts()).isEqualTo(parts.size() + 1);
			assertThat(this.task.check(result.labels())).as("the merged reply keeps the job's rules").isEmpty();
		}
	}

	@Test
	void failStoresTheRecordAsFailedWithItsFileLineAndTheNumbers() {
		ClassificationResult result = processor(LongText.FAIL).process(longRecord(2));

		assertThat(result.status()).isEqualTo(ResultStatus.FAILED);
		assertThat(result.attempts()).as("no model call").isZero();
		assertThat(result.reason()).startsWith("complaints.csv line 7: the text does not fit one request: prompt of ")
			.contains("tokens + reply up to " + REPLY_TOKENS + " > slot context ")
			.endsWith("; set model.long-text: truncate or chunk, or raise sift.model.slot-context");
	}

	@Test
	void aTextThatFitsIsSentAsItIsWhateverThePolicy() {
		SourceRecord record = SourceRecord.good("complaints.csv", "C-7", SENTENCE.strip(), Map.of(), 7);

		for (LongText policy : LongText.values()) {
			assertThat(processor(policy).process(record).textHandling()).as("%s", policy).isNull();
		}
	}

	@Test
	void partsMergeByTheMostFrequentLabelTheUnionOfLabelListsAndLeaveTextsToTheFinalPass() {
		Map<String, Object> merged = longTexts().merge(List.of(
				Map.of("sentiment", "negative", "topics", List.of("delivery"), "urgency", "high", "summary", "a"),
				Map.of("sentiment", "positive", "topics", List.of("product", "delivery"), "urgency", "low"),
				Map.of("sentiment", "negative", "topics", List.of("billing"), "urgency", "low")));

		assertThat(merged).containsEntry("sentiment", "negative")
			.containsEntry("urgency", "low")
			.containsEntry("topics", List.of("delivery", "billing", "product"))
			.doesNotContainKey("summary");
		assertThat(longTexts().merge(List.of(Map.of("sentiment", "positive"), Map.of("sentiment", "negative"))))
			.as("a tie goes to the label the job lists first")
			.containsEntry("sentiment", "positive");
	}

	/** A record {@code times} times longer than the room a request leaves for it. */
	private SourceRecord longRecord(int times) {
		LongTexts longTexts = longTexts();
		StringBuilder text = new StringBuilder(SENTENCE);
		while (longTexts.fits(SourceRecord.good("complaints.csv", "C-7", text.toString(), Map.of(), 7))) {
			text.append(SENTENCE);
		}
		String once = text.toString();
		return SourceRecord.good("complaints.csv", "C-7", once.repeat(times).strip(), Map.of(), 7);
	}

	private LongTexts longTexts() {
		return new LongTexts(this.chatModel, this.task, REPLY_TOKENS);
	}

	private RecordProcessor processor(LongText policy) {
		return new RecordProcessor(this.chatClients.build(), this.chatModel.getOptions(), this.task,
				new ModelSpec(0.0, REPLY_TOKENS, policy),
				new RunContext("classify-feedback", 1, this.jobs.modelName(), "long-text-test"), 1, longTexts(),
				CorrectionExamples.NONE);
	}

}
