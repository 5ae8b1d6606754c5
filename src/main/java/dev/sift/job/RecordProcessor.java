package dev.sift.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.sift.chat.ChatMetadata;
import dev.sift.chat.SeededChatOptions;
import dev.sift.definition.ModelSpec;
import dev.sift.job.ReplyValidator.Validation;
import dev.sift.result.ClassificationResult;
import dev.sift.result.ResultStatus;
import dev.sift.source.SourceRecord;

/**
 * Asks the model about one record with one call, validates the reply and, when it breaks a rule, asks again with a
 * different seed. Every record comes out as a result: {@code ok} (or {@code draft} for generated text),
 * {@code needs_review} with the raw reply and the broken rules, or {@code failed} with the reason; none is dropped.
 *
 * <p>
 * Works with any Spring AI chat model whose options take an output schema ({@code StructuredOutputChatOptions}):
 * requests start from the model's own options, so provider-specific defaults stay; the seed is set where the options
 * take one ({@link SeededChatOptions}), and the model's own time is read where the response reports it.
 */
class RecordProcessor implements ItemProcessor<SourceRecord, ClassificationResult> {

	private static final Logger log = LoggerFactory.getLogger(RecordProcessor.class);

	/** Retries sample a little instead of repeating the greedy answer that just failed. */
	private static final double RETRY_TEMPERATURE = 0.7;

	private final ChatClient chatClient;

	private final ChatOptions modelOptions;

	private final TaskPrompt task;

	private final ModelSpec model;

	private final RunContext run;

	private final int maxAttempts;

	/**
	 * @param modelOptions the model's own options, which requests start from
	 * @throws IllegalArgumentException when the model's options take no output schema: replies could not be
	 * constrained to the task's JSON
	 */
	RecordProcessor(ChatClient chatClient, ChatOptions modelOptions, TaskPrompt task, ModelSpec model, RunContext run,
			int maxAttempts) {
		if (!(modelOptions.mutate() instanceof StructuredOutputChatOptions.Builder<?>)) {
			throw new IllegalArgumentException("The chat model's options (" + modelOptions.getClass().getName()
					+ ") take no output schema, so its replies cannot be constrained to the task's JSON");
		}
		this.chatClient = chatClient;
		this.modelOptions = modelOptions;
		this.task = task;
		this.model = model;
		this.run = run;
		this.maxAttempts = maxAttempts;
	}

	@Override
	public ClassificationResult process(SourceRecord record) {
		if (record.hasProblem()) {
			return result(record, ResultStatus.FAILED, Map.of(), null, record.problem(), 0,
					ClassificationResult.Usage.NONE);
		}
		ClassificationResult.Usage usage = ClassificationResult.Usage.NONE;
		List<String> violations = new ArrayList<>();
		String reply = null;
		for (int attempt = 1; attempt <= this.maxAttempts; attempt++) {
			long started = System.nanoTime();
			ChatResponse response;
			try {
				response = ask(record, attempt);
			}
			catch (RuntimeException ex) {
				log.warn("Model call failed for {}: {}", record.location(), ex.getMessage());
				log.debug("Model call failure", ex);
				return result(record, ResultStatus.FAILED, Map.of(), reply,
						record.location() + ": model call failed: " + ex.getMessage(), attempt, usage);
			}
			reply = replyText(response);
			usage = usage.plus(usageOf(response, (System.nanoTime() - started) / 1_000_000));
			Validation validation = this.task.validate(reply);
			if (validation.isValid()) {
				return result(record, this.task.validStatus(), validation.labels(), reply, null, attempt, usage);
			}
			violations = validation.violations();
			log.debug("Attempt {} for {} broke rules: {}", attempt, record.location(), violations);
		}
		return result(record, ResultStatus.NEEDS_REVIEW, Map.of(), reply,
				"reply broke the rules after " + this.maxAttempts + " attempts: " + String.join("; ", violations),
				this.maxAttempts, usage);
	}

	private ChatResponse ask(SourceRecord record, int attempt) {
		ChatOptions.Builder<?> options = this.modelOptions.mutate();
		((StructuredOutputChatOptions.Builder<?>) options).outputSchema(this.task.outputSchema());
		Double temperature = attempt > 1 ? Double.valueOf(RETRY_TEMPERATURE) : this.model.temperature();
		if (temperature != null) {
			options.temperature(temperature);
		}
		if (this.model.maxTokens() != null) {
			options.maxTokens(this.model.maxTokens());
		}
		if (options instanceof SeededChatOptions.Builder<?> seeded) {
			seeded.seed(seed(attempt));
		}
		return this.chatClient.prompt().messages(this.task.messages(record)).options(options).call().chatResponse();
	}

	/**
	 * The model's configured seed for the first attempt, then the next seeds, wrapping within the non-negative ints
	 * samplers accept.
	 */
	private int seed(int attempt) {
		Integer configured = this.modelOptions instanceof SeededChatOptions seeded ? seeded.getSeed() : null;
		return (int) (((configured == null ? 0 : configured) + (long) attempt - 1) % Integer.MAX_VALUE);
	}

	private static String replyText(ChatResponse response) {
		String text = response.getResult() == null ? null : response.getResult().getOutput().getText();
		return text == null ? "" : text;
	}

	/** The model's own time when the response reports it, else the call's. */
	private static ClassificationResult.Usage usageOf(ChatResponse response, long callMillis) {
		Usage usage = response.getMetadata().getUsage();
		Object modelMillis = response.getMetadata().get(ChatMetadata.MODEL_DURATION_MILLIS);
		return new ClassificationResult.Usage(usage.getPromptTokens(), usage.getCompletionTokens(),
				modelMillis instanceof Number number ? number.longValue() : callMillis);
	}

	private ClassificationResult result(SourceRecord record, ResultStatus status, Map<String, Object> labels,
			String reply, String reason, int attempts, ClassificationResult.Usage usage) {
		return new ClassificationResult(this.run.jobName(), this.run.jobInstanceId(), record.source(), record.id(),
				record.line(), record.text(), record.fields(), labels, reply, status, reason, attempts,
				this.run.modelName(), this.run.promptVersion(), usage);
	}

}
