package dev.sift.model;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Schedulers;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.util.Assert;

import dev.sift.chat.ChatMetadata;
import dev.sift.chat.ConcurrentChatModel;
import dev.sift.chat.ContextLimitedChatModel;

/**
 * Spring AI {@link ChatModel} over an in-process llama.cpp model (java-llama.cpp), made with {@link #builder()}.
 *
 * <p>
 * Thread-safe: llama.cpp queues concurrent requests and decodes up to its parallel-slot count of them together in
 * one batch, so callers should keep {@link #concurrentRequests()} requests in flight. A request with an output schema
 * is constrained by a grammar built from that schema, so its reply is JSON of that shape (unless {@code maxTokens}
 * cuts it short, which the finish reason {@code LENGTH} tells). Each response carries the time of its native call
 * under {@link ChatMetadata#MODEL_DURATION_MILLIS}; requests beyond the slots wait inside llama.cpp, and that wait
 * counts too.
 *
 * <p>
 * As a bean it binds its slot gauges to the application's meter registry ({@link #bindTo}).
 */
public final class LlamaCppChatModel
		implements ChatModel, ConcurrentChatModel, ContextLimitedChatModel, MeterBinder {

	public static final String PROVIDER = "llama-cpp";

	public static final String FINISH_STOP = "STOP";

	public static final String FINISH_LENGTH = "LENGTH";

	/** The finish reason a streamed request's observation records when its subscriber cancelled it. */
	public static final String FINISH_CANCELLED = "CANCELLED";

	public static final String SLOTS_METER = "sift.model.slots";

	public static final String BUSY_SLOTS_METER = "sift.model.slots.busy";

	private static final ChatModelObservationConvention DEFAULT_OBSERVATION_CONVENTION = new DefaultChatModelObservationConvention();

	/**
	 * llama.cpp puts a BOS token before the prompt (Llama GGUFs set {@code add_bos_token}), which {@code encode()}
	 * does not count.
	 */
	private static final int BOS_TOKENS = 1;

	private final ModelInstances instances;

	private final String modelName;

	private final int parallel;

	private final int slotContextSize;

	private final boolean cachePrompt;

	private final LlamaCppChatOptions defaultOptions;

	private final ObservationRegistry observationRegistry;

	private final ChatModelObservationConvention observationConvention;

	private final ChatTemplate chatTemplate;

	private final OutputSchemaGrammar grammars = new OutputSchemaGrammar();

	private LlamaCppChatModel(Builder builder) {
		this.instances = new ModelInstances(builder.models);
		this.modelName = builder.modelName;
		this.parallel = builder.parallel;
		this.slotContextSize = builder.contextSize / builder.parallel;
		this.cachePrompt = builder.cachePrompt;
		this.defaultOptions = builder.options.mutate().model(builder.modelName).build();
		this.observationRegistry = builder.observationRegistry;
		this.observationConvention = builder.observationConvention;
		this.chatTemplate = new ChatTemplate(this.instances.any());
	}

	public static Builder builder() {
		return new Builder();
	}

	public String getModelName() {
		return this.modelName;
	}

	@Override
	public LlamaCppChatOptions getOptions() {
		return this.defaultOptions;
	}

	/** Every slot of every instance, so that none idles. */
	@Override
	public int concurrentRequests() {
		return this.parallel * this.instances.size();
	}

	/** The context of one slot: llama.cpp splits each instance's context evenly between its slots. */
	@Override
	public int requestContextTokens() {
		return this.slotContextSize;
	}

	/** Tokens of the rendered prompt, with the BOS token llama.cpp puts before it. */
	@Override
	public int promptTokens(List<Message> messages) {
		return countTokens(render(messages)) + BOS_TOKENS;
	}

	/** Tokens of a text under this model's tokenizer. */
	public int countTokens(String text) {
		return tokenize(text).length;
	}

	/** A text's token ids under this model's tokenizer, without the BOS token. */
	public int[] tokenize(String text) {
		return this.instances.any().encode(text);
	}

	/** The prompt text the model sees for these messages, rendered with the model's chat template. */
	public String render(List<Message> messages) {
		return this.chatTemplate.render(messages);
	}

	public int instanceCount() {
		return this.instances.size();
	}

	/**
	 * Per instance (tags {@code model} and {@code model.instance}, from 0; not {@code instance}, the label Prometheus
	 * gives the scraped target): {@code sift.model.slots}, its parallel slots, and {@code sift.model.slots.busy}, how
	 * many of them serve a request now. Requests beyond the slots wait inside llama.cpp and are not counted: busy slots
	 * never exceed the slots.
	 */
	@Override
	public void bindTo(MeterRegistry registry) {
		for (int i = 0; i < this.instances.size(); i++) {
			int instance = i;
			Tags tags = Tags.of("model", this.modelName, "model.instance", Integer.toString(instance));
			Gauge.builder(SLOTS_METER, () -> this.parallel)
				.tags(tags)
				.description("Parallel slots of a model instance")
				.register(registry);
			Gauge.builder(BUSY_SLOTS_METER, () -> Math.min(this.instances.inFlight(instance), this.parallel))
				.tags(tags)
				.description("Slots of a model instance serving a request now")
				.register(registry);
		}
	}

	/**
	 * Completes an already rendered prompt with a plain java-llama.cpp {@code complete()} call: no Spring AI, no
	 * observation, no streaming. For measuring what the rest of a pipeline costs on top of the engine.
	 */
	public String completeRendered(String renderedPrompt, LlamaCppChatOptions options) {
		GenerationSettings settings = GenerationSettings.resolve(options, this.defaultOptions);
		String grammar = settings.outputSchema() == null ? null : this.grammars.grammarFor(settings.outputSchema());
		try (ModelInstances.Lease lease = this.instances.lease()) {
			return lease.model().complete(settings.toInferenceParameters(renderedPrompt, grammar, this.cachePrompt));
		}
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		Prompt request = withResolvedOptions(prompt);
		ChatModelObservationContext context = observationContext(request, false);
		return ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
			.observation(this.observationConvention, DEFAULT_OBSERVATION_CONVENTION, () -> context,
					this.observationRegistry)
			.observe(() -> {
				ChatResponse response = toResponse(complete(request));
				context.setResponse(response);
				return response;
			});
	}

	/**
	 * Streams the reply piece by piece; the last response carries no text but the finish reason and usage. A
	 * subscriber that cancels (or takes only some pieces) ends the native request at its next token, which frees the
	 * slot for the next request; the observation then records the tokens generated so far and the finish reason
	 * {@link #FINISH_CANCELLED}.
	 */
	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		Prompt request = withResolvedOptions(prompt);
		// A ChatClient passes its own observation in the Reactor context, as the parent of this one.
		return Flux.deferContextual(contextView -> Flux.<ChatResponse>create(sink -> streamInto(sink, request,
				contextView.getOrDefault(ObservationThreadLocalAccessor.KEY, null))))
			.subscribeOn(Schedulers.boundedElastic());
	}

	/** Runs on a worker thread for the whole request, so the observation ends when the native request does. */
	private void streamInto(FluxSink<ChatResponse> sink, Prompt request, @Nullable Observation parent) {
		ChatModelObservationContext context = observationContext(request, true);
		Observation observation = ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
			.observation(this.observationConvention, DEFAULT_OBSERVATION_CONVENTION, () -> context,
					this.observationRegistry)
			.parentObservation(parent)
			.start();
		try {
			Completion completion = generate(request,
					piece -> sink.next(new ChatResponse(List.of(new Generation(new AssistantMessage(piece))))),
					sink::isCancelled);
			ChatResponse last = toResponse(completion);
			context.setResponse(last);
			if (!sink.isCancelled()) {
				sink.next(new ChatResponse(
						List.of(new Generation(new AssistantMessage(""), last.getResult().getMetadata())),
						last.getMetadata()));
				sink.complete();
			}
		}
		catch (RuntimeException ex) {
			observation.error(ex);
			sink.error(ex);
		}
		finally {
			observation.stop();
		}
	}

	/**
	 * The request's options as {@link LlamaCppChatOptions}; unset fields fall back to the defaults later, field by
	 * field, so defaults that ChatClient already merged in are not merged twice (stop sequences would double).
	 */
	private Prompt withResolvedOptions(Prompt prompt) {
		LlamaCppChatOptions requested = prompt.getOptions() == null ? this.defaultOptions
				: LlamaCppChatOptions.from(prompt.getOptions());
		if (requested.getModel() == null) {
			requested = requested.mutate().model(this.modelName).build();
		}
		return prompt.mutate().chatOptions(requested).build();
	}

	private ChatModelObservationContext observationContext(Prompt request, boolean streaming) {
		return ChatModelObservationContext.builder().prompt(request).provider(PROVIDER).streaming(streaming).build();
	}

	/**
	 * Completes in one native call. Streaming costs a JNI round trip and a thread wake-up per token, which on a fast
	 * model or a GPU is a large share of the token's time; the reply's tokens are counted afterwards instead.
	 */
	private Completion complete(Prompt request) {
		NativeRequest prepared = prepare(request);
		long started = System.nanoTime();
		String text;
		try (ModelInstances.Lease lease = this.instances.lease()) {
			text = lease.model().complete(prepared.parameters());
		}
		// Re-tokenizing the reply can differ from the sampled tokens by a token or two where pieces merge.
		int generatedTokens = Math.min(countTokens(text), prepared.maxTokens());
		return prepared.completion(text, generatedTokens, started);
	}

	/** Generates token by token, handing each piece of text on, until the reply ends or {@code cancelled} says so. */
	private Completion generate(Prompt request, Consumer<String> onPiece, BooleanSupplier cancelled) {
		NativeRequest prepared = prepare(request);
		long started = System.nanoTime();
		StringBuilder text = new StringBuilder();
		Drained drained;
		try (ModelInstances.Lease lease = this.instances.lease()) {
			drained = drain(lease.model().generate(prepared.parameters()).iterator(), text, onPiece, cancelled);
		}
		return drained.cancelled() ? prepared.cancelled(text.toString(), drained.generatedTokens(), started)
				: prepared.completion(text.toString(), drained.generatedTokens(), started);
	}

	/** Checks a request and turns it into java-llama.cpp's parameters; nothing invalid reaches native code. */
	private NativeRequest prepare(Prompt request) {
		GenerationSettings settings = GenerationSettings.resolve((LlamaCppChatOptions) request.getOptions(),
				this.defaultOptions);
		String rendered = this.chatTemplate.render(request.getInstructions());
		int promptTokens = countTokens(rendered) + BOS_TOKENS;
		requireFitsSlot(promptTokens, settings.maxTokens());
		String grammar = settings.outputSchema() == null ? null : this.grammars.grammarFor(settings.outputSchema());
		return new NativeRequest(settings.toInferenceParameters(rendered, grammar, this.cachePrompt), promptTokens,
				settings.maxTokens());
	}

	/**
	 * Reads a request's outputs into {@code text} and counts the tokens generated. The native request is cancelled
	 * from this thread, between two reads: cancelling it from another thread while this one waits for the next token
	 * would leave this one waiting for good, since a cancelled request sends nothing more.
	 */
	private static Drained drain(LlamaIterator pieces, StringBuilder text, Consumer<String> onPiece,
			BooleanSupplier cancelled) {
		int generatedTokens = 0;
		try {
			while (pieces.hasNext()) {
				if (cancelled.getAsBoolean()) {
					pieces.cancel();
					return new Drained(generatedTokens, true);
				}
				LlamaOutput output = pieces.next();
				// llama.cpp sends one output per sampled token, with empty text while it holds text back (a possible
				// stop sequence, the end-of-sequence token), and a last, empty one that only says it stopped. Only
				// tokens ending in an incomplete UTF-8 character send nothing, so this can still count low.
				if (pieces.hasNext() || !output.text.isEmpty()) {
					generatedTokens++;
				}
				if (!output.text.isEmpty()) {
					text.append(output.text);
					onPiece.accept(output.text);
				}
			}
		}
		catch (RuntimeException ex) {
			pieces.cancel();
			throw ex;
		}
		return new Drained(generatedTokens, false);
	}

	private void requireFitsSlot(int promptTokens, int maxTokens) {
		if (promptTokens + maxTokens > this.slotContextSize) {
			throw new InvalidModelRequestException("Prompt of " + promptTokens + " tokens plus up to " + maxTokens
					+ " generated tokens does not fit a slot's context of " + this.slotContextSize
					+ " tokens; shorten the input or raise sift.model.slot-context");
		}
	}

	private ChatResponse toResponse(Completion completion) {
		var generationMetadata = ChatGenerationMetadata.builder().finishReason(completion.finishReason()).build();
		var metadata = ChatResponseMetadata.builder()
			.model(this.modelName)
			.usage(new DefaultUsage(completion.promptTokens(), completion.completionTokens()))
			.keyValue(ChatMetadata.MODEL_DURATION_MILLIS, completion.duration().toMillis())
			.build();
		return new ChatResponse(List.of(new Generation(new AssistantMessage(completion.text()), generationMetadata)),
				metadata);
	}

	private record NativeRequest(InferenceParameters parameters, int promptTokens, int maxTokens) {

		Completion completion(String text, int generatedTokens, long startedNanos) {
			return finished(text, generatedTokens, generatedTokens >= this.maxTokens ? FINISH_LENGTH : FINISH_STOP,
					startedNanos);
		}

		Completion cancelled(String text, int generatedTokens, long startedNanos) {
			return finished(text, generatedTokens, FINISH_CANCELLED, startedNanos);
		}

		private Completion finished(String text, int generatedTokens, String finishReason, long startedNanos) {
			return new Completion(text, this.promptTokens, generatedTokens, finishReason,
					Duration.ofNanos(System.nanoTime() - startedNanos));
		}

	}

	private record Completion(String text, int promptTokens, int completionTokens, String finishReason,
			Duration duration) {
	}

	private record Drained(int generatedTokens, boolean cancelled) {
	}

	/**
	 * Builds a {@link LlamaCppChatModel} over models already loaded with java-llama.cpp; the context size and slots
	 * must be those the models were loaded with ({@code ModelParameters.setCtxSize} and {@code setParallel}), since
	 * they decide which prompts fit a slot.
	 */
	public static final class Builder {

		private List<LlamaModel> models = List.of();

		private @Nullable String modelName;

		private int contextSize;

		private int parallel = 1;

		private boolean cachePrompt = true;

		private LlamaCppChatOptions options = LlamaCppChatOptions.builder().build();

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private ChatModelObservationConvention observationConvention = DEFAULT_OBSERVATION_CONVENTION;

		private Builder() {
		}

		/** One loaded model. */
		public Builder model(LlamaModel model) {
			return models(List.of(model));
		}

		/** Instances of one model file, each with its own slots; a request goes to the least busy. */
		public Builder models(List<LlamaModel> models) {
			this.models = List.copyOf(models);
			return this;
		}

		/** The name responses and observations report, usually the file's name. */
		public Builder modelName(String modelName) {
			this.modelName = modelName;
			return this;
		}

		/** Context tokens of each instance, shared by its slots. */
		public Builder contextSize(int contextSize) {
			this.contextSize = contextSize;
			return this;
		}

		/** Parallel slots of each instance; default 1. */
		public Builder parallel(int parallel) {
			this.parallel = parallel;
			return this;
		}

		/** Let each slot reuse the evaluated prefix its previous prompt shares with the next one; default on. */
		public Builder cachePrompt(boolean cachePrompt) {
			this.cachePrompt = cachePrompt;
			return this;
		}

		/** The options of requests that leave them unset. */
		public Builder options(LlamaCppChatOptions options) {
			this.options = options;
			return this;
		}

		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = observationRegistry;
			return this;
		}

		public Builder observationConvention(ChatModelObservationConvention observationConvention) {
			this.observationConvention = observationConvention;
			return this;
		}

		public LlamaCppChatModel build() {
			Assert.state(!this.models.isEmpty(), "A LlamaCppChatModel needs at least one loaded model");
			Assert.state(this.modelName != null && !this.modelName.isBlank(), "A LlamaCppChatModel needs a model name");
			Assert.state(this.parallel >= 1, () -> "parallel must be at least 1, was " + this.parallel);
			Assert.state(this.contextSize / this.parallel >= 1, () -> "contextSize (" + this.contextSize
					+ ") must give each of the " + this.parallel + " slots at least one token");
			return new LlamaCppChatModel(this);
		}

	}

}
