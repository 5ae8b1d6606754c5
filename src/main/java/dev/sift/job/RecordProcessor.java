package dev.sift.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.sift.definition.ModelSpec;
import dev.sift.job.ReplyValidator.Validation;
import dev.sift.model.InvalidModelRequestException;
import dev.sift.model.LlamaCppChatModel;
import dev.sift.model.LlamaCppChatOptions;
import dev.sift.result.ClassificationResult;
import dev.sift.result.ResultStatus;
import dev.sift.source.SourceRecord;

/**
 * Asks the model about one record with one call, validates the reply and, when it breaks a rule, asks again with a
 * different seed. Every record comes out as a result: {@code ok} (or {@code draft} for generated text),
 * {@code needs_review} with the raw reply and the broken rules, or {@code failed} with the reason; none is dropped.
 */
class RecordProcessor implements ItemProcessor<SourceRecord, ClassificationResult> {

	private static final Logger log = LoggerFactory.getLogger(RecordProcessor.class);

	/** Retries sample a little instead of repeating the greedy answer that just failed. */
	private static final double RETRY_TEMPERATURE = 0.7;

	private final ChatClient chatClient;

	private final TaskPrompt task;

	private final ModelSpec model;

	private final RunContext run;

	private final int maxAttempts;

	RecordProcessor(ChatClient chatClient, TaskPrompt task, ModelSpec model, RunContext run, int maxAttempts) {
		this.chatClient = chatClient;
		this.task = task;
		this.model = model;
		this.run = run;
		this.maxAttempts = maxAttempts;
	}

	@Override
	public ClassificationResult process(SourceRecord record) {
		if (record.hasProblem()) {
			return result(record, ResultStatus.FAILED, Map.of(), null, record.problem(), 0, ClassificationResult.Usage.NONE);
		}
		ClassificationResult.Usage usage = ClassificationResult.Usage.NONE;
		List<String> violations = new ArrayList<>();
		String reply = null;
		for (int attempt = 1; attempt <= this.maxAttempts; attempt++) {
			ChatResponse response;
			try {
				response = ask(record, attempt);
			}
			catch (InvalidModelRequestException ex) {
				return result(record, ResultStatus.FAILED, Map.of(), reply, ex.getMessage(), attempt, usage);
			}
			catch (RuntimeException ex) {
				log.warn("Model call failed for record {} of {}", record.id(), record.source(), ex);
				return result(record, ResultStatus.FAILED, Map.of(), reply, "model call failed: " + ex.getMessage(),
						attempt, usage);
			}
			reply = replyText(response);
			usage = usage.plus(usageOf(response));
			Validation validation = this.task.validate(reply);
			if (validation.isValid()) {
				return result(record, this.task.validStatus(), validation.labels(), reply, null, attempt, usage);
			}
			violations = validation.violations();
			log.debug("Attempt {} for record {} broke rules: {}", attempt, record.id(), violations);
		}
		return result(record, ResultStatus.NEEDS_REVIEW, Map.of(), reply,
				"reply broke the rules after " + this.maxAttempts + " attempts: " + String.join("; ", violations),
				this.maxAttempts, usage);
	}

	private ChatResponse ask(SourceRecord record, int attempt) {
		LlamaCppChatOptions.Builder options = LlamaCppChatOptions.builder()
			.outputSchema(this.task.outputSchema())
			.temperature(this.model.temperature())
			.maxTokens(this.model.maxTokens());
		if (attempt > 1) {
			options.temperature(RETRY_TEMPERATURE).seed(retrySeed(attempt));
		}
		return this.chatClient.prompt()
			.messages(this.task.messages(record))
			.options(options)
			.call()
			.chatResponse();
	}

	/** The next seeds after the configured one, wrapping within the non-negative ints llama.cpp accepts. */
	private int retrySeed(int attempt) {
		return (int) ((this.run.seed() + (long) attempt - 1) % Integer.MAX_VALUE);
	}

	private static String replyText(ChatResponse response) {
		String text = response.getResult() == null ? null : response.getResult().getOutput().getText();
		return text == null ? "" : text;
	}

	private static ClassificationResult.Usage usageOf(ChatResponse response) {
		Usage usage = response.getMetadata().getUsage();
		Object duration = response.getMetadata().get(LlamaCppChatModel.DURATION_MILLIS);
		return new ClassificationResult.Usage(usage.getPromptTokens(), usage.getCompletionTokens(),
				duration instanceof Number number ? number.longValue() : 0);
	}

	private ClassificationResult result(SourceRecord record, ResultStatus status, Map<String, Object> labels,
			String reply, String reason, int attempts, ClassificationResult.Usage usage) {
		return new ClassificationResult(this.run.jobName(), this.run.jobInstanceId(), record.source(), record.id(),
				record.line(), record.text(), record.fields(), labels, reply, status, reason, attempts,
				this.run.modelName(), this.run.promptVersion(), usage);
	}

}
