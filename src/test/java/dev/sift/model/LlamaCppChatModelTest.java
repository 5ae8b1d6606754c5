package dev.sift.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.ObservationView;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.observation.ChatClientObservationContext;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;

import dev.sift.chat.ChatMetadata;
import dev.sift.chat.SeededChatOptions;

/**
 * Runs the adapter on the generated tiny model. Its random weights write random text, so these tests check the
 * mechanics (grammar, usage, limits, errors, threads) and never the quality of a reply.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LlamaCppChatModelTest {

	private static final List<String> SENTIMENTS = List.of("positive", "negative", "neutral");

	private static final List<String> TOPICS = List.of("price", "quality", "delivery");

	private static final int SUMMARY_MAX_LENGTH = 12;

	private static final String REVIEW_SCHEMA = """
			{
			  "type": "object",
			  "properties": {
			    "sentiment": {"type": "string", "enum": ["positive", "negative", "neutral"]},
			    "topics": {
			      "type": "array",
			      "items": {"type": "string", "enum": ["price", "quality", "delivery"]},
			      "minItems": 1,
			      "maxItems": 2
			    },
			    "summary": {"type": "string", "maxLength": 12}
			  },
			  "required": ["sentiment", "topics", "summary"]
			}""";

	private static final String TICKET_SCHEMA = """
			{
			  "type": "object",
			  "properties": {
			    "urgent": {"type": "boolean"},
			    "priority": {"type": "string", "enum": ["low", "high"]}
			  },
			  "required": ["urgent", "priority"]
			}""";

	private static final String REVIEW = "The delivery was late but the price was fair.";

	private static final int JOB_MAX_TOKENS = 100;

	private final LlamaCppChatModel model = TinyChatModel.chatModel();

	@Test
	void callWithOutputSchemaRepliesWithJsonOfThatShapeAndReportsUsage() {
		ChatResponse response = this.model.call(new Prompt(REVIEW, schemaOptions(REVIEW_SCHEMA)));

		// Greedy sampling on this model ends the JSON well within the default 256 tokens.
		assertThat(finishReasonOf(response)).isEqualTo(LlamaCppChatModel.FINISH_STOP);
		assertReview(textOf(response));
		assertThat(response.getMetadata().getUsage().getPromptTokens()).isPositive();
		assertThat(response.getMetadata().getUsage().getCompletionTokens()).isPositive().isLessThan(256);
		assertThat(response.getMetadata().getModel()).isEqualTo(TinyChatModel.NAME);
		assertThat((Long) response.getMetadata().get(ChatMetadata.MODEL_DURATION_MILLIS)).isNotNegative();
	}

	@Test
	void replyCutShortByMaxTokensFinishesWithLengthAndUsesAllTokens() {
		ChatResponse response = this.model
			.call(new Prompt(REVIEW, LlamaCppChatOptions.builder().outputSchema(REVIEW_SCHEMA).maxTokens(5).build()));

		assertThat(finishReasonOf(response)).isEqualTo(LlamaCppChatModel.FINISH_LENGTH);
		assertThat(response.getMetadata().getUsage().getCompletionTokens()).isEqualTo(5);
		assertThat(textOf(response)).startsWith("{").doesNotContain("}");
	}

	/**
	 * llama.cpp holds text back while it could be the start of a stop sequence and sends empty outputs for those
	 * tokens; they are still generated tokens and count towards maxTokens.
	 */
	@Test
	void tokensHeldBackForAPossibleStopSequenceStillCount() {
		Prompt free = new Prompt("Say something.", LlamaCppChatOptions.builder().maxTokens(30).build());
		String reply = textOf(this.model.call(free));
		// Tokens ending in half a UTF-8 character send nothing at all and cannot be counted; this reply has none.
		assertThat(reply).as("precondition: the reply starts with a whole word").matches(" \\w+ .*");
		String firstWord = reply.substring(0, reply.indexOf(' ', 1));
		// A stop sequence that begins like the reply but never completes: llama.cpp holds back each piece that
		// could be its start until the reply moves on.
		LlamaCppChatOptions options = LlamaCppChatOptions.builder()
			.maxTokens(30)
			.stopSequences(List.of(firstWord + "\u0001"))
			.build();

		ChatResponse response = this.model.call(new Prompt(free.getInstructions(), options));

		assertThat(textOf(response)).isEqualTo(reply);
		assertThat(finishReasonOf(response)).isEqualTo(LlamaCppChatModel.FINISH_LENGTH);
		assertThat(response.getMetadata().getUsage().getCompletionTokens()).isEqualTo(30);
	}

	@Test
	void structuredOutputThroughChatClientIsConstrainedByTheRecordsSchema() {
		List<ChatModelObservationContext> observed = new CopyOnWriteArrayList<>();
		LlamaCppChatModel recorded = TinyChatModel.chatModel(registryRecording(observed));

		Triage triage = ChatClient.create(recorded)
			.prompt()
			.user("Customer: my order never arrived and nobody answers my emails.")
			.call()
			.entity(Triage.class, spec -> spec.useProviderStructuredOutput());

		assertThat(triage).isNotNull();
		assertThat(triage.customerMood()).isNotNull();
		assertThat(triage.agentMood()).isNotNull();
		assertThat(observed).hasSize(1);
		LlamaCppChatOptions sent = (LlamaCppChatOptions) observed.get(0).getRequest().getOptions();
		// The schema reached the model as an option, not as format instructions in the prompt, and the reply is
		// bare JSON: random weights write that only under the grammar.
		assertThat(sent.getOutputSchema()).contains("customerMood", "priority");
		assertThat(observed.get(0).getRequest().getUserMessage().getText()).doesNotContain("JSON");
		JsonNode reply = JsonMapper.shared().readTree(textOf(observed.get(0).getResponse()));
		assertThat(reply.get("customerMood").asString()).isIn("HAPPY", "ANGRY", "NEUTRAL");
		assertThat(reply.get("urgent").isBoolean()).isTrue();
		assertThat(reply.get("priority").isIntegralNumber()).isTrue();
	}

	/**
	 * The way jobs ask: a {@code ChatModel} and nothing else, options from its own {@code getOptions().mutate()} set
	 * through Spring AI's and Sift's interfaces only, sent through a {@code ChatClient}.
	 */
	@Test
	void optionsMutatedFromTheModelCarrySchemaSeedAndLimitsThroughChatClient() {
		List<ChatModelObservationContext> observed = new CopyOnWriteArrayList<>();
		ChatModel chatModel = TinyChatModel.chatModel(registryRecording(observed));
		ChatClient chatClient = ChatClient.create(chatModel);
		List<Integer> seeds = List.of(7, 7, 8, 9, 10);

		List<String> replies = new ArrayList<>();
		for (int seed : seeds) {
			ChatResponse response = chatClient.prompt()
				.user(REVIEW)
				.options(jobOptions(chatModel, seed))
				.call()
				.chatResponse();
			// Random weights never write this without the grammar.
			assertThat(textOf(response)).startsWith("{\"sentiment\":");
			assertValidOrCutShort(response, JOB_MAX_TOKENS, LlamaCppChatModelTest::assertReview);
			replies.add(textOf(response));
		}

		assertThat(observed).hasSize(seeds.size()).allSatisfy(context -> {
			ChatOptions sent = context.getRequest().getOptions();
			assertThat(((StructuredOutputChatOptions) sent).getOutputSchema()).isEqualTo(REVIEW_SCHEMA);
			assertThat(sent.getTemperature()).isEqualTo(0.8);
			assertThat(sent.getMaxTokens()).isEqualTo(JOB_MAX_TOKENS);
		});
		assertThat(observed).map(context -> ((SeededChatOptions) context.getRequest().getOptions()).getSeed())
			.isEqualTo(seeds);
		assertThat(replies.get(1)).as("the same seed samples the same reply").isEqualTo(replies.get(0));
		assertThat(Set.copyOf(replies)).as("other seeds sample other replies").hasSizeGreaterThan(1);
	}

	private static ChatOptions.Builder<?> jobOptions(ChatModel chatModel, int seed) {
		ChatOptions.Builder<?> options = chatModel.getOptions().mutate();
		((StructuredOutputChatOptions.Builder<?>) options).outputSchema(REVIEW_SCHEMA);
		((SeededChatOptions.Builder<?>) options).seed(seed);
		return options.temperature(0.8).maxTokens(JOB_MAX_TOKENS);
	}

	@Test
	void keepsEverySlotOfEveryInstanceBusy() {
		LlamaCppChatModel twoInstances = LlamaCppChatModel.builder()
			.models(List.of(TinyChatModel.llama(), TinyChatModel.llama()))
			.modelName(TinyChatModel.NAME)
			.contextSize(TinyChatModel.CONTEXT_SIZE)
			.parallel(TinyChatModel.PARALLEL)
			.build();

		assertThat(this.model.concurrentRequests()).isEqualTo(TinyChatModel.PARALLEL);
		assertThat(twoInstances.concurrentRequests()).isEqualTo(2 * TinyChatModel.PARALLEL);
	}

	/**
	 * Every slot gets a long streamed reply whose subscriber cancels after three pieces. Each native request ends
	 * there (its observation shows the tokens it generated), so the slots serve the next request rather than finish
	 * replies nobody reads.
	 */
	@Test
	void cancellingAStreamEndsItsNativeRequestAndFreesTheSlot() throws InterruptedException {
		BlockingQueue<ChatModelObservationContext> stopped = new LinkedBlockingQueue<>();
		LlamaCppChatModel observedModel = TinyChatModel.chatModel(registryRecording(stopped));
		int allowedTokens = 600;
		Prompt longReply = new Prompt("Tell me everything.",
				LlamaCppChatOptions.builder().maxTokens(allowedTokens).build());
		assertThat(finishReasonOf(this.model.call(longReply))).as("precondition: uncut, the reply takes every token")
			.isEqualTo(LlamaCppChatModel.FINISH_LENGTH);

		for (int slot = 0; slot < TinyChatModel.PARALLEL; slot++) {
			assertThat(observedModel.stream(longReply).take(3).collectList().block(Duration.ofMinutes(1))).hasSize(3);
		}
		ChatResponse next = observedModel.call(new Prompt(REVIEW, LlamaCppChatOptions.builder().maxTokens(5).build()));

		assertThat(next.getMetadata().getUsage().getCompletionTokens()).isPositive();
		List<ChatModelObservationContext> streams = new ArrayList<>();
		for (int i = 0; i <= TinyChatModel.PARALLEL; i++) {
			ChatModelObservationContext context = stopped.poll(1, TimeUnit.MINUTES);
			assertThat(context).as("observation %d of %d stopped", i + 1, TinyChatModel.PARALLEL + 1).isNotNull();
			if (context.isStreaming()) {
				streams.add(context);
			}
		}
		assertThat(streams).hasSize(TinyChatModel.PARALLEL).allSatisfy(context -> {
			assertThat(context.getResponse()).as("the native request's end").isNotNull();
			assertThat(finishReasonOf(context.getResponse())).isEqualTo(LlamaCppChatModel.FINISH_CANCELLED);
			assertThat(context.getResponse().getMetadata().getUsage().getCompletionTokens()).isBetween(3,
					allowedTokens / 10);
		});
	}

	/** A streamed reply holds its slot until its native request ends, which the busy gauge shows while it streams. */
	@Test
	void slotGaugesShowEachInstancesSlotsAndHowManyServeARequestNow() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		this.model.bindTo(registry);
		Gauge slots = registry.get("sift.model.slots").tags("model", TinyChatModel.NAME, "model.instance", "0").gauge();
		Gauge busy = registry.get("sift.model.slots.busy").tags("model", TinyChatModel.NAME, "model.instance", "0").gauge();
		assertThat(slots.value()).isEqualTo(TinyChatModel.PARALLEL);
		assertThat(busy.value()).as("idle").isZero();

		List<Double> busyWhileStreaming = this.model
			.stream(new Prompt(REVIEW, LlamaCppChatOptions.builder().maxTokens(50).build()))
			.take(1)
			.map(piece -> busy.value())
			.collectList()
			.block(Duration.ofMinutes(1));

		assertThat(busyWhileStreaming).containsExactly(1.0);
		await().atMost(Duration.ofSeconds(30)).until(() -> busy.value() == 0);
	}

	@ParameterizedTest(name = "temperature {0}")
	@ValueSource(doubles = { 0.0, 0.8 })
	void sameSeedAndTemperatureRepeatTheReply(double temperature) {
		LlamaCppChatOptions options = LlamaCppChatOptions.builder()
			.temperature(temperature)
			.seed(7)
			.maxTokens(40)
			.build();

		String first = textOf(this.model.call(new Prompt(REVIEW, options)));
		String second = textOf(this.model.call(new Prompt(REVIEW, options)));

		assertThat(first).isNotEmpty();
		assertThat(second).isEqualTo(first);
	}

	/** The second request finds the prompt cached in its slot; the reply must not depend on that. */
	@Test
	void streamedPiecesAddUpToTheCalledReplyAndTheLastCarriesUsage() {
		Prompt prompt = new Prompt(REVIEW, schemaOptions(REVIEW_SCHEMA));
		ChatResponse called = this.model.call(prompt);

		List<ChatResponse> chunks = this.model.stream(prompt).collectList().block(Duration.ofMinutes(2));

		assertThat(chunks).hasSizeGreaterThan(2);
		String streamed = chunks.stream().map(LlamaCppChatModelTest::textOf).collect(Collectors.joining());
		assertThat(streamed).isEqualTo(textOf(called));
		ChatResponse last = chunks.get(chunks.size() - 1);
		assertThat(finishReasonOf(last)).isEqualTo(finishReasonOf(called));
		assertThat(last.getMetadata().getUsage().getPromptTokens())
			.isEqualTo(called.getMetadata().getUsage().getPromptTokens());
		// call() counts by re-tokenizing the reply, stream() counts sampled tokens (the end token included).
		assertThat(last.getMetadata().getUsage().getCompletionTokens())
			.isCloseTo(called.getMetadata().getUsage().getCompletionTokens(), within(2));
		assertThat(last.getMetadata().getModel()).isEqualTo(TinyChatModel.NAME);
	}

	@Test
	void streamThroughChatClientIsObservedUnderTheChatClientsObservation() {
		List<ChatModelObservationContext> observed = new CopyOnWriteArrayList<>();
		ObservationRegistry registry = registryRecording(observed);
		LlamaCppChatModel observedModel = TinyChatModel.chatModel(registry);

		List<String> pieces = ChatClient.builder(observedModel, registry, null, null)
			.build()
			.prompt()
			.user(REVIEW)
			.options(LlamaCppChatOptions.builder().maxTokens(5))
			.stream()
			.content()
			.collectList()
			.block(Duration.ofMinutes(1));

		assertThat(pieces).isNotEmpty();
		// The observation stops in the stream's doFinally, which may run just after block() has returned.
		await().atMost(Duration.ofSeconds(30)).until(() -> !observed.isEmpty());
		assertThat(observed).singleElement().satisfies(context -> {
			assertThat(context.isStreaming()).isTrue();
			List<Object> ancestors = new ArrayList<>();
			for (ObservationView parent = context.getParentObservation(); parent != null; parent = parent
				.getContextView()
				.getParentObservation()) {
				ancestors.add(parent.getContextView());
			}
			// The ChatClient's advisors observe themselves in between.
			assertThat(ancestors).hasAtLeastOneElementOfType(ChatClientObservationContext.class);
		});
	}

	@Test
	void callsFromMoreThreadsThanSlotsAllSucceedWithValidReplies() throws Exception {
		List<Callable<Runnable>> requests = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			boolean review = i % 2 == 0;
			LlamaCppChatOptions options = LlamaCppChatOptions.builder()
				.outputSchema(review ? REVIEW_SCHEMA : TICKET_SCHEMA)
				.temperature(0.8)
				.seed(i)
				.build();
			Prompt prompt = new Prompt("Feedback number " + i + ": " + REVIEW, options);
			// Each thread returns the check of its own reply, run on the test thread.
			requests.add(() -> {
				ChatResponse response = this.model.call(prompt);
				return () -> assertValidOrCutShort(response, 256, review ? LlamaCppChatModelTest::assertReview
						: LlamaCppChatModelTest::assertTicket);
			});
		}
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			for (Future<Runnable> check : threads.invokeAll(requests)) {
				check.get(2, TimeUnit.MINUTES).run();
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void promptLongerThanASlotIsRefusedWithTheTokenCountsAndTheModelStillAnswers() {
		String longText = "price ".repeat(1100);
		int promptTokens = promptTokensOf(List.of(new UserMessage(longText)));

		assertThatThrownBy(() -> this.model.call(new Prompt(longText))).isInstanceOf(InvalidModelRequestException.class)
			.hasMessageContaining("Prompt of " + promptTokens + " tokens")
			.hasMessageContaining("up to 256 generated tokens")
			.hasMessageContaining("context of " + TinyChatModel.SLOT_CONTEXT_SIZE + " tokens")
			.hasMessageContaining("sift.model.slot-context");
		assertModelStillAnswers();
	}

	/** llama.cpp evaluates a BOS token before the prompt, which encode() leaves out. */
	@Test
	void slotFitCountsTheBosTokenBeforeThePrompt() {
		String longText = "price ".repeat(990);
		int encodedTokens = this.model.countTokens(new ChatTemplate(TinyChatModel.llama())
			.render(List.of(new UserMessage(longText))));
		int fittingMaxTokens = TinyChatModel.SLOT_CONTEXT_SIZE - encodedTokens - 1;

		ChatResponse fits = this.model
			.call(new Prompt(longText, LlamaCppChatOptions.builder().maxTokens(fittingMaxTokens).build()));

		assertThat(fits.getMetadata().getUsage().getPromptTokens()).isEqualTo(encodedTokens + 1);
		assertThatThrownBy(() -> this.model
			.call(new Prompt(longText, LlamaCppChatOptions.builder().maxTokens(fittingMaxTokens + 1).build())))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessageContaining("Prompt of " + (encodedTokens + 1) + " tokens");
	}

	static Stream<Arguments> invalidOptions() {
		return Stream.of(Arguments.of(LlamaCppChatOptions.builder().temperature(5.0).build(), "temperature"),
				Arguments.of(LlamaCppChatOptions.builder().topP(2.0).build(), "topP"),
				Arguments.of(LlamaCppChatOptions.builder().maxTokens(0).build(), "maxTokens"),
				Arguments.of(LlamaCppChatOptions.builder().stopSequences(List.of("")).build(),
						"Stop sequences must not be empty"));
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("invalidOptions")
	void invalidOptionsAreRefusedBeforeReachingLlamaCpp(LlamaCppChatOptions options, String named) {
		assertThatThrownBy(() -> this.model.call(new Prompt(REVIEW, options)))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessageContaining(named);
		assertModelStillAnswers();
	}

	/** Each of these aborts the JVM inside llama.cpp's schema converter unless refused in Java first. */
	static Stream<Arguments> unsupportedSchemas() {
		return Stream.of(
				Arguments.of("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\",\"pattern\":\"x\"}}}",
						"'pattern'"),
				Arguments.of("not JSON {", "not valid JSON"),
				Arguments.of("{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"minItems\":\"a\"}", "minItems"),
				Arguments.of("{\"type\":\"integer\",\"minimum\":\"a\"}", "minimum"),
				Arguments.of("{\"type\":\"integer\",\"minimum\":-2147483648}", "minimum"),
				Arguments.of("{\"type\":\"integer\",\"maximum\":1e12}", "maximum"),
				Arguments.of("{\"$defs\":{\"Node\":{\"type\":\"object\",\"properties\":"
						+ "{\"next\":{\"$ref\":\"#/$defs/Node\"}}}},\"$ref\":\"#/$defs/Node\"}", "recursive"));
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("unsupportedSchemas")
	void unsupportedSchemasAreRefusedAndTheModelStillAnswers(String schema, String named) {
		assertThatThrownBy(() -> this.model.call(new Prompt(REVIEW, schemaOptions(schema))))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessageContaining(named);
		assertModelStillAnswers();
	}

	@Test
	void toolMessagesAreRefused() {
		Message toolResult = ToolResponseMessage.builder()
			.responses(List.of(new ToolResponseMessage.ToolResponse("1", "lookup", "{}")))
			.build();

		assertThatThrownBy(() -> this.model.call(new Prompt(List.of(new UserMessage(REVIEW), toolResult))))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessageContaining("Message type TOOL is not supported");
	}

	@Test
	void promptWithoutUserMessageIsRefused() {
		assertThatThrownBy(() -> this.model.call(new Prompt(List.of(new SystemMessage("Classify the review.")))))
			.isInstanceOf(InvalidModelRequestException.class)
			.hasMessageContaining("at least one user message");
	}

	@Test
	void callIsObservedAsAChatModelOperationOfTheLlamaCppProvider() {
		List<ChatModelObservationContext> observed = new CopyOnWriteArrayList<>();
		LlamaCppChatModel observedModel = TinyChatModel.chatModel(registryRecording(observed));

		ChatResponse response = observedModel
			.call(new Prompt(REVIEW, LlamaCppChatOptions.builder().maxTokens(5).build()));

		assertThat(observed).singleElement().satisfies(context -> {
			assertThat(context.getResponse()).isSameAs(response);
			assertThat(context.getOperationMetadata().provider()).isEqualTo("llama-cpp");
			assertThat(context.getError()).isNull();
		});
	}

	@Test
	void countsTokensOfText() {
		assertThat(this.model.countTokens("the price was great")).isPositive();
	}

	@Nested
	class Rendering {

		private final ChatTemplate template = new ChatTemplate(TinyChatModel.llama());

		@Test
		void rendersSystemAndUserInZephyrFormat() {
			String rendered = this.template.render(List.of(new SystemMessage("SYS"), new UserMessage("USER")));

			assertThat(rendered).isEqualTo("<|system|>\nSYS</s>\n<|user|>\nUSER</s>\n<|assistant|>\n");
		}

		@Test
		void joinsSeveralSystemMessagesIntoOne() {
			String rendered = this.template
				.render(List.of(new SystemMessage("ONE"), new SystemMessage("TWO"), new UserMessage("USER")));

			assertThat(rendered).isEqualTo("<|system|>\nONE\n\nTWO</s>\n<|user|>\nUSER</s>\n<|assistant|>\n");
		}

	}

	enum Mood {

		HAPPY, ANGRY, NEUTRAL

	}

	/**
	 * Enums, booleans and ints only: an unbounded String gets a 512-character bound, which random weights may not
	 * close within maxTokens. The enum is used twice, so Spring AI's schema refers to it through {@code $defs}.
	 */
	record Triage(Mood customerMood, Mood agentMood, boolean urgent, int priority) {
	}

	private static LlamaCppChatOptions schemaOptions(String schema) {
		return LlamaCppChatOptions.builder().outputSchema(schema).build();
	}

	private static ObservationRegistry registryRecording(Collection<ChatModelObservationContext> stopped) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<Observation.Context>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(Observation.Context context) {
				if (context instanceof ChatModelObservationContext chatContext) {
					stopped.add(chatContext);
				}
			}

		});
		return registry;
	}

	private void assertModelStillAnswers() {
		ChatResponse response = this.model.call(new Prompt(REVIEW, LlamaCppChatOptions.builder().maxTokens(3).build()));

		assertThat(response.getMetadata().getUsage().getCompletionTokens()).isPositive();
	}

	private int promptTokensOf(List<Message> messages) {
		// The BOS token llama.cpp adds is part of what a slot holds.
		return this.model.countTokens(new ChatTemplate(TinyChatModel.llama()).render(messages)) + 1;
	}

	private static void assertValidOrCutShort(ChatResponse response, int maxTokens, Consumer<String> shapeCheck) {
		Integer completionTokens = response.getMetadata().getUsage().getCompletionTokens();
		assertThat(completionTokens).isPositive().isLessThanOrEqualTo(maxTokens);
		if (finishReasonOf(response).equals(LlamaCppChatModel.FINISH_LENGTH)) {
			assertThat(completionTokens).isEqualTo(maxTokens);
		}
		else {
			assertThat(finishReasonOf(response)).isEqualTo(LlamaCppChatModel.FINISH_STOP);
			shapeCheck.accept(textOf(response));
		}
	}

	private static void assertReview(String text) {
		JsonNode reply = JsonMapper.shared().readTree(text);
		assertThat(reply.propertyNames()).containsExactlyInAnyOrder("sentiment", "topics", "summary");
		assertThat(reply.get("sentiment").asString()).isIn(SENTIMENTS);
		assertThat(reply.get("topics").isArray()).isTrue();
		assertThat(reply.get("topics").size()).isBetween(1, 2);
		reply.get("topics").forEach(topic -> assertThat(topic.asString()).isIn(TOPICS));
		assertThat(reply.get("summary").isString()).isTrue();
		assertWithinLength(reply.get("summary").asString(), SUMMARY_MAX_LENGTH);
	}

	private static void assertTicket(String text) {
		JsonNode reply = JsonMapper.shared().readTree(text);
		assertThat(reply.propertyNames()).containsExactlyInAnyOrder("urgent", "priority");
		assertThat(reply.get("urgent").isBoolean()).isTrue();
		assertThat(reply.get("priority").asString()).isIn("low", "high");
	}

	/**
	 * Random weights pick byte-fallback tokens in any order, and llama.cpp's grammar counts an invalid UTF-8 sequence
	 * (a lead byte followed by ASCII, say) as one character, which Java decodes to one U+FFFD or ASCII character per
	 * byte. Valid text must keep to the bound exactly; text with U+FFFD to at most four characters per counted one.
	 */
	private static void assertWithinLength(String value, int maxLength) {
		if (value.indexOf('\uFFFD') < 0) {
			assertThat(value.codePointCount(0, value.length())).isLessThanOrEqualTo(maxLength);
		}
		else {
			assertThat(value.length()).isLessThanOrEqualTo(4 * maxLength);
		}
	}

	private static String textOf(ChatResponse response) {
		return response.getResult().getOutput().getText();
	}

	private static String finishReasonOf(ChatResponse response) {
		return response.getResult().getMetadata().getFinishReason();
	}

}
