package dev.sift.model;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
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

/**
 * Spring AI {@link ChatModel} over an in-process llama.cpp model (java-llama.cpp).
 *
 * <p>
 * Thread-safe: llama.cpp queues concurrent requests and decodes up to its parallel-slot count of them together in
 * one batch, so callers should call from as many threads as there are slots. A request with an output schema is
 * constrained by a grammar built from that schema, so its reply is JSON of that shape (unless {@code maxTokens} cuts
 * it short, which the finish reason {@code LENGTH} tells).
 */
public class LlamaCppChatModel implements ChatModel {

	public static final String PROVIDER = "llama-cpp";

	public static final String FINISH_STOP = "STOP";

	public static final String FINISH_LENGTH = "LENGTH";

	/** Response metadata key: wall-clock milliseconds of the request. */
	public static final String DURATION_MILLIS = "durationMillis";

	private static final ChatModelObservationConvention DEFAULT_OBSERVATION_CONVENTION = new DefaultChatModelObservationConvention();

	/**
	 * llama.cpp puts a BOS token before the prompt (Llama GGUFs set {@code add_bos_token}), which {@code encode()}
	 * does not count.
	 */
	private static final int BOS_TOKENS = 1;

	private final ModelInstances instances;

	private final boolean cachePrompt;

	private final String modelName;

	private final int slotContextSize;

	private final LlamaCppChatOptions defaultOptions;

	private final ObservationRegistry observationRegistry;

	private final ChatTemplate chatTemplate;

	private final OutputSchemaGrammar grammars = new OutputSchemaGrammar();

	private ChatModelObservationConvention observationConvention = DEFAULT_OBSERVATION_CONVENTION;

	public LlamaCppChatModel(LlamaModel model, String modelName, int slotContextSize,
			LlamaCppChatOptions defaultOptions, ObservationRegistry observationRegistry) {
		this(List.of(model), modelName, slotContextSize, true, defaultOptions, observationRegistry);
	}

	/**
	 * @param models instances of one model file; requests go to the least busy
	 * @param cachePrompt let each slot reuse the evaluated prefix its previous prompt shares with the next one
	 */
	public LlamaCppChatModel(List<LlamaModel> models, String modelName, int slotContextSize, boolean cachePrompt,
			LlamaCppChatOptions defaultOptions, ObservationRegistry observationRegistry) {
		this.instances = new ModelInstances(models);
		this.modelName = modelName;
		this.slotContextSize = slotContextSize;
		this.cachePrompt = cachePrompt;
		this.defaultOptions = defaultOptions.mutate().model(modelName).build();
		this.observationRegistry = observationRegistry;
		this.chatTemplate = new ChatTemplate(this.instances.any());
	}

	public void setObservationConvention(ChatModelObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
	}

	public String getModelName() {
		return this.modelName;
	}

	@Override
	public LlamaCppChatOptions getOptions() {
		return this.defaultOptions;
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

	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		Prompt request = withResolvedOptions(prompt);
		ChatModelObservationContext context = observationContext(request, true);
		Observation observation = ChatModelObservationDocumentation.CHAT_MODEL_OPERATION.observation(
				this.observationConvention, DEFAULT_OBSERVATION_CONVENTION, () -> context, this.observationRegistry);
		return Flux.<ChatResponse>create(sink -> streamInto(sink, request, context))
			.subscribeOn(Schedulers.boundedElastic())
			.doOnSubscribe(subscription -> observation.start())
			.doOnError(observation::error)
			.doFinally(signal -> observation.stop());
	}

	private void streamInto(FluxSink<ChatResponse> sink, Prompt request, ChatModelObservationContext context) {
		try {
			Completion completion = generate(request,
					piece -> sink.next(new ChatResponse(List.of(new Generation(new AssistantMessage(piece))))));
			ChatResponse last = toResponse(completion);
			context.setResponse(last);
			sink.next(new ChatResponse(
					List.of(new Generation(new AssistantMessage(""), last.getResult().getMetadata())),
					last.getMetadata()));
			sink.complete();
		}
		catch (RuntimeException ex) {
			sink.error(ex);
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

	private Completion generate(Prompt request, Consumer<String> onPiece) {
		NativeRequest prepared = prepare(request);
		long started = System.nanoTime();
		StringBuilder text = new StringBuilder();
		int generatedTokens;
		try (ModelInstances.Lease lease = this.instances.lease()) {
			generatedTokens = drain(lease.model().generate(prepared.parameters()).iterator(), text, onPiece);
		}
		return prepared.completion(text.toString(), generatedTokens, started);
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

	/** Reads a request's outputs into {@code text} and returns how many tokens were generated. */
	private static int drain(LlamaIterator pieces, StringBuilder text, Consumer<String> onPiece) {
		int generatedTokens = 0;
		try {
			while (pieces.hasNext()) {
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
		return generatedTokens;
	}

	private void requireFitsSlot(int promptTokens, int maxTokens) {
		if (promptTokens + maxTokens > this.slotContextSize) {
			throw new InvalidModelRequestException("Prompt of " + promptTokens + " tokens plus up to " + maxTokens
					+ " generated tokens does not fit a slot's context of " + this.slotContextSize
					+ " tokens; shorten the input or raise sift.model.context-size");
		}
	}

	private ChatResponse toResponse(Completion completion) {
		var generationMetadata = ChatGenerationMetadata.builder().finishReason(completion.finishReason()).build();
		var metadata = ChatResponseMetadata.builder()
			.model(this.modelName)
			.usage(new DefaultUsage(completion.promptTokens(), completion.completionTokens()))
			.keyValue(DURATION_MILLIS, completion.duration().toMillis())
			.build();
		return new ChatResponse(List.of(new Generation(new AssistantMessage(completion.text()), generationMetadata)),
				metadata);
	}

	private record NativeRequest(InferenceParameters parameters, int promptTokens, int maxTokens) {

		Completion completion(String text, int generatedTokens, long startedNanos) {
			String finishReason = generatedTokens >= this.maxTokens ? FINISH_LENGTH : FINISH_STOP;
			return new Completion(text, this.promptTokens, generatedTokens, finishReason,
					Duration.ofNanos(System.nanoTime() - startedNanos));
		}

	}

	private record Completion(String text, int promptTokens, int completionTokens, String finishReason,
			Duration duration) {
	}

}
