package dev.sift.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

import dev.sift.chat.ChatMetadata;
import dev.sift.definition.JobSpec;
import dev.sift.definition.ModelSpec;
import dev.sift.model.LlamaCppChatOptions;
import dev.sift.result.ClassificationResult;
import dev.sift.result.ResultStatus;
import dev.sift.result.StoredResult;
import dev.sift.source.SourceRecord;
import dev.sift.testing.TestSpecs;

class RecordProcessorTest {

	private static final int DEFAULT_SEED = 42;

	private static final String VALID = """
			{"se": "negative", "to": ["delivery", "billing"], "ur": "high",
			 "su": "Late box and a double charge.", "la": "en"}""";

	private static final String DUPLICATE_TOPIC = """
			{"se": "negative", "to": ["delivery", "delivery"], "ur": "high",
			 "su": "Late box.", "la": "en"}""";

	private static final SourceRecord RECORD = SourceRecord.good("feedback.csv", "A1",
			"The box came two days late and I was charged twice.", Map.of("channel", "email"), 7);

	private final ChatModel chatModel = mock(ChatModel.class);

	private final JobSpec spec = TestSpecs.shipped("classify-feedback");

	private final TaskPrompt task = TaskPrompt.of(this.spec);

	private final RunContext run = new RunContext("classify-feedback", 17, "tiny.gguf", "0123456789ab");

	/** The model's own options, as LlamaCppChatModel reports them; requests start from these. */
	private final LlamaCppChatOptions modelOptions = LlamaCppChatOptions.builder()
		.temperature(0.0)
		.maxTokens(256)
		.seed(DEFAULT_SEED)
		.build();

	private RecordProcessor classifier;

	@BeforeEach
	void modelDefaults() {
		when(this.chatModel.getOptions()).thenReturn(this.modelOptions);
		this.classifier = processor(2);
	}

	private RecordProcessor processor(int maxAttempts) {
		return new RecordProcessor(ChatClient.create(this.chatModel), this.modelOptions, this.task, ModelSpec.DEFAULTS,
				this.run, maxAttempts, new LongTexts(this.chatModel, this.task, 0), CorrectionExamples.NONE);
	}

	@Test
	void recordWithAProblemFailsWithThatProblemAndNoModelCall() {
		SourceRecord broken = SourceRecord.problem("feedback.csv", "A2", "", Map.of(), 8, "empty text");

		ClassificationResult result = this.classifier.process(broken);

		assertThat(result.status()).isEqualTo(ResultStatus.FAILED);
		assertThat(result.reason()).isEqualTo("feedback.csv line 8: empty text");
		assertThat(result.attempts()).isZero();
		assertThat(result.rawOutput()).isNull();
		assertThat(result.labels()).isEmpty();
		assertThat(result.usage()).isEqualTo(ClassificationResult.Usage.NONE);
		verify(this.chatModel, never()).call(any(Prompt.class));
	}

	@Test
	void validReplyIsOkWithItsLabelsAndUsage() {
		when(this.chatModel.call(any(Prompt.class))).thenReturn(response(VALID, 120, 30, 850));

		ClassificationResult result = this.classifier.process(RECORD);

		assertThat(result.status()).isEqualTo(ResultStatus.OK);
		assertThat(result.reason()).isNull();
		assertThat(result.attempts()).isEqualTo(1);
		assertThat(result.rawOutput()).isEqualTo(VALID);
		assertThat(result.labels()).containsOnly(entry("sentiment", "negative"),
				entry("topics", List.of("delivery", "billing")), entry("urgency", "high"),
				entry("summary", "Late box and a double charge."), entry("language", "en"));
		assertThat(result.usage()).isEqualTo(new ClassificationResult.Usage(120, 30, 850));
	}

	@Test
	void theNearestCorrectionsAreWorkedExamplesAfterTheSpecsOwnAndBeforeTheRecordAndTheResultNamesThem() {
		when(this.chatModel.call(any(Prompt.class))).thenReturn(response(VALID, 1, 1, 1));
		StoredResult late = correction(41, "C-1", "The courier was two days late with my box.", "negative");
		StoredResult charged = correction(42, "C-2", "I was charged twice for one order.", "mixed");
		StoredResult praise = correction(43, "C-3", "Lovely recipes, the kids ate everything.", "positive");
		CorrectionExamples corrections = new CorrectionExamples(List.of(praise, charged, late), 2);
		RecordProcessor withCorrections = new RecordProcessor(ChatClient.create(this.chatModel), this.modelOptions,
				this.task, ModelSpec.DEFAULTS, this.run, 1, new LongTexts(this.chatModel, this.task, 0), corrections);

		ClassificationResult result = withCorrections.process(RECORD);

		ArgumentCaptor<Prompt> prompt = ArgumentCaptor.forClass(Prompt.class);
		verify(this.chatModel).call(prompt.capture());
		List<String> texts = prompt.getValue().getInstructions().stream().map(message -> message.getText()).toList();
		int ownExample = indexOf(texts, "The box arrived two days late and the spinach was slimy.");
		int lateCorrection = indexOf(texts, late.inputText());
		int chargedCorrection = indexOf(texts, charged.inputText());
		assertThat(ownExample).isPositive().isLessThan(Math.min(lateCorrection, chargedCorrection));
		assertThat(texts.get(lateCorrection + 1)).contains("\"se\":\"negative\"");
		assertThat(texts.get(chargedCorrection + 1)).contains("\"se\":\"mixed\"");
		assertThat(texts).noneMatch(text -> text.contains(praise.inputText()));
		assertThat(texts.get(texts.size() - 1)).contains(RECORD.text());
		assertThat(result.exampleIds()).containsExactlyInAnyOrder(41L, 42L);
	}

	@Test
	void aRecordNeverGetsItsOwnCorrectionNorOneOfTheSameTextAsAnExample() {
		StoredResult own = new StoredResult(7, "classify-feedback", 1L, RECORD.source(), RECORD.id(), 7L,
				"An older text of the same record about a late box", Map.of(), Map.of("sentiment", "negative"), "{}",
				ResultStatus.REVIEWED, null, 1, "m", "v", Instant.EPOCH, Instant.EPOCH, null, List.of());
		StoredResult sameText = correction(8, "C-9", RECORD.text(), "negative");
		StoredResult other = correction(9, "C-10", "A late box again, charged twice too", "negative");
		StoredResult unrelated = correction(10, "C-11", "Lovely recipes", "positive");

		assertThat(new CorrectionExamples(List.of(own, sameText, other, unrelated), 3).nearest(RECORD))
			.extracting(StoredResult::id)
			.containsExactly(9L);
		assertThat(CorrectionExamples.NONE.nearest(RECORD)).isEmpty();
	}

	@Test
	void examplesFromCorrectionsAreAnotherPromptVersion() {
		JobSpec withCorrections = new JobSpec(this.spec.name(), this.spec.description(), this.spec.file(),
				this.spec.source(), this.spec.task(), this.spec.outputs(), this.spec.schedule(),
				new ModelSpec(0.0, 256, null, 3), 1, Map.of());

		assertThat(TaskPrompt.of(withCorrections).promptVersion("m")).isNotEqualTo(this.task.promptVersion("m"));
		assertThat(TaskPrompt.of(withCorrections).correctionExamples()).isEqualTo(3);
	}

	private static StoredResult correction(long id, String recordId, String text, String sentiment) {
		return new StoredResult(id, "classify-feedback", 1L, "reviewed.csv", recordId, 2L, text, Map.of(),
				Map.of("sentiment", sentiment, "topics", List.of("delivery"), "urgency", "high", "summary", "A summary.",
						"language", "en"),
				"{}", ResultStatus.REVIEWED, null, 1, "m", "v", Instant.EPOCH, Instant.EPOCH, null, List.of());
	}

	private static int indexOf(List<String> texts, String part) {
		for (int i = 0; i < texts.size(); i++) {
			if (texts.get(i).contains(part)) {
				return i;
			}
		}
		return -1;
	}

	@Test
	void resultCarriesTheRecordAndTheRun() {
		when(this.chatModel.call(any(Prompt.class))).thenReturn(response(VALID, 1, 1, 1));

		ClassificationResult result = this.classifier.process(RECORD);

		assertThat(result.jobName()).isEqualTo("classify-feedback");
		assertThat(result.jobInstanceId()).isEqualTo(17L);
		assertThat(result.source()).isEqualTo("feedback.csv");
		assertThat(result.recordId()).isEqualTo("A1");
		assertThat(result.sourceLine()).isEqualTo(7);
		assertThat(result.inputText()).isEqualTo(RECORD.text());
		assertThat(result.fields()).containsExactly(entry("channel", "email"));
		assertThat(result.modelName()).isEqualTo("tiny.gguf");
		assertThat(result.promptVersion()).isEqualTo("0123456789ab");
	}

	@Test
	void promptHoldsTheInstructionsTheRecordAndTheOutputSchema() {
		when(this.chatModel.call(any(Prompt.class))).thenReturn(response(VALID, 1, 1, 1));

		this.classifier.process(RECORD);

		Prompt prompt = prompts(1).get(0);
		assertThat(prompt.getInstructions()).extracting(Message::getMessageType)
			.containsExactly(MessageType.SYSTEM, MessageType.USER, MessageType.ASSISTANT, MessageType.USER);
		assertThat(prompt.getInstructions()).extracting(Message::getText)
			.first()
			.isEqualTo(this.task.instructions());
		assertThat(prompt.getInstructions()).extracting(Message::getText)
			.last()
			.isEqualTo("channel: email\n\nText:\n" + RECORD.text());
		LlamaCppChatOptions options = (LlamaCppChatOptions) prompt.getOptions();
		assertThat(options.getOutputSchema()).isEqualTo(this.task.outputSchema());
		assertThat(options.getSeed()).isEqualTo(DEFAULT_SEED);
		assertThat(options.getTemperature()).isEqualTo(0.0);
	}

	@Test
	void invalidThenValidIsOkAfterARetryWithAnotherSeedAndTemperature() {
		when(this.chatModel.call(any(Prompt.class))).thenReturn(response(DUPLICATE_TOPIC, 100, 20, 500),
				response(VALID, 100, 25, 600));

		ClassificationResult result = this.classifier.process(RECORD);

		assertThat(result.status()).isEqualTo(ResultStatus.OK);
		assertThat(result.attempts()).isEqualTo(2);
		assertThat(result.rawOutput()).isEqualTo(VALID);
		assertThat(result.labels()).containsEntry("topics", List.of("delivery", "billing"));
		assertThat(result.usage()).isEqualTo(new ClassificationResult.Usage(200, 45, 1100));
		List<Prompt> prompts = prompts(2);
		LlamaCppChatOptions first = (LlamaCppChatOptions) prompts.get(0).getOptions();
		LlamaCppChatOptions retry = (LlamaCppChatOptions) prompts.get(1).getOptions();
		assertThat(retry.getSeed()).isEqualTo(DEFAULT_SEED + 1).isNotEqualTo(first.getSeed());
		assertThat(retry.getTemperature()).isEqualTo(0.7);
		assertThat(retry.getOutputSchema()).isEqualTo(this.task.outputSchema());
		assertThat(retry.getMaxTokens()).isEqualTo(256);
	}

	@Test
	void invalidTwiceNeedsReviewWithTheRawReplyAndTheBrokenRules() {
		String unknownTopic = DUPLICATE_TOPIC.replace("[\"delivery\", \"delivery\"]", "[\"weather\"]");
		when(this.chatModel.call(any(Prompt.class))).thenReturn(response(DUPLICATE_TOPIC, 100, 20, 500),
				response(unknownTopic, 100, 20, 500));

		ClassificationResult result = this.classifier.process(RECORD);

		assertThat(result.status()).isEqualTo(ResultStatus.NEEDS_REVIEW);
		assertThat(result.attempts()).isEqualTo(2);
		assertThat(result.rawOutput()).isEqualTo(unknownTopic);
		assertThat(result.labels()).isEmpty();
		assertThat(result.reason()).startsWith("reply broke the rules after 2 attempts: ")
			.contains("topics[0]: 'weather' is not one of");
		assertThat(result.usage()).isEqualTo(new ClassificationResult.Usage(200, 40, 1000));
		verify(this.chatModel, times(2)).call(any(Prompt.class));
	}

	@Test
	void truncatedReplyNeedsReviewWhenNoAttemptsAreLeft() {
		RecordProcessor once = processor(1);
		when(this.chatModel.call(any(Prompt.class))).thenReturn(response("{\"se\": \"neg", 100, 256, 900));

		ClassificationResult result = once.process(RECORD);

		assertThat(result.status()).isEqualTo(ResultStatus.NEEDS_REVIEW);
		assertThat(result.attempts()).isEqualTo(1);
		assertThat(result.rawOutput()).isEqualTo("{\"se\": \"neg");
		assertThat(result.reason()).contains("reply is not complete JSON");
	}

	@Test
	void aModelErrorFailsTheRecordWithItsFileLineAndTheMessage() {
		when(this.chatModel.call(any(Prompt.class)))
			.thenThrow(new IllegalArgumentException("Prompt of 5000 tokens does not fit a slot"));

		ClassificationResult result = this.classifier.process(RECORD);

		assertThat(result.status()).isEqualTo(ResultStatus.FAILED);
		assertThat(result.reason())
			.isEqualTo("feedback.csv line 7: model call failed: Prompt of 5000 tokens does not fit a slot");
		assertThat(result.attempts()).isEqualTo(1);
		assertThat(result.rawOutput()).isNull();
		verify(this.chatModel, times(1)).call(any(Prompt.class));
	}

	@Test
	void aModelWhoseOptionsTakeNoSchemaIsRefused() {
		assertThatThrownBy(() -> new RecordProcessor(ChatClient.create(this.chatModel),
				ChatOptions.builder().build(), this.task, ModelSpec.DEFAULTS, this.run,
				2, new LongTexts(this.chatModel, this.task, 0), CorrectionExamples.NONE))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("take no output schema");
	}

	@Test
	void errorOnTheRetryKeepsTheFirstReplyAndItsUsage() {
		when(this.chatModel.call(any(Prompt.class))).thenReturn(response(DUPLICATE_TOPIC, 100, 20, 500))
			.thenThrow(new IllegalStateException("boom"));

		ClassificationResult result = this.classifier.process(RECORD);

		assertThat(result.status()).isEqualTo(ResultStatus.FAILED);
		assertThat(result.reason()).isEqualTo("feedback.csv line 7: model call failed: boom");
		assertThat(result.attempts()).isEqualTo(2);
		assertThat(result.rawOutput()).isEqualTo(DUPLICATE_TOPIC);
		assertThat(result.usage()).isEqualTo(new ClassificationResult.Usage(100, 20, 500));
	}

	private List<Prompt> prompts(int calls) {
		ArgumentCaptor<Prompt> prompts = ArgumentCaptor.forClass(Prompt.class);
		verify(this.chatModel, times(calls)).call(prompts.capture());
		return prompts.getAllValues();
	}

	private static ChatResponse response(String text, int promptTokens, int completionTokens, long durationMillis) {
		ChatResponseMetadata metadata = ChatResponseMetadata.builder()
			.usage(new DefaultUsage(promptTokens, completionTokens))
			.keyValue(ChatMetadata.MODEL_DURATION_MILLIS, durationMillis)
			.build();
		return new ChatResponse(List.of(new Generation(new AssistantMessage(text))), metadata);
	}

}
