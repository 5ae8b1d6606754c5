package dev.sift.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import dev.sift.definition.FieldSpec;
import dev.sift.definition.FieldSpec.FieldType;
import dev.sift.definition.ModelSpec;
import dev.sift.job.ReplyValidator.Validation;
import dev.sift.result.ClassificationResult;
import dev.sift.result.ResultStatus;
import dev.sift.result.StoredResult;
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

	private final LongTexts longTexts;

	private final CorrectionExamples corrections;

	/**
	 * @param modelOptions the model's own options, which requests start from
	 * @param longTexts what fits one request, for records too long for it ({@code model.long-text})
	 * @param corrections reviewed results to add to each record's prompt as examples
	 * @throws IllegalArgumentException when the model's options take no output schema: replies could not be
	 * constrained to the task's JSON
	 */
	RecordProcessor(ChatClient chatClient, ChatOptions modelOptions, TaskPrompt task, ModelSpec model, RunContext run,
			int maxAttempts, LongTexts longTexts, CorrectionExamples corrections) {
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
		this.longTexts = longTexts;
		this.corrections = corrections;
	}

	@Override
	public ClassificationResult process(SourceRecord record) {
		if (record.hasProblem()) {
			return result(record, ResultStatus.FAILED, Map.of(), null, record.problem(), 0,
					ClassificationResult.Usage.NONE, null, List.of());
		}
		if (this.longTexts.fits(record)) {
			return classify(record, record, null);
		}
		return switch (this.model.effectiveLongText()) {
			case FAIL -> tooLong(record, "set model.long-text: truncate or chunk, or raise sift.model.slot-context");
			case TRUNCATE -> truncated(record);
			case CHUNK -> chunked(record);
		};
	}

	private ClassificationResult truncated(SourceRecord record) {
		LongTexts.Cut cut = this.longTexts.truncate(record);
		if (cut == null) {
			return tooLong(record, "its other columns alone do not fit: shorten them or raise sift.model.slot-context");
		}
		return classify(record, cut.record(),
				"truncated: " + cut.dropped() + " of " + cut.total() + " tokens dropped, " + (cut.total() - cut.dropped())
						+ " kept (model.long-text: truncate)");
	}

	/**
	 * Each part classified on its own, then merged ({@link LongTexts#merge}); texts come from one more request over
	 * the parts' texts. A part that failed fails the record, one that needs review makes it need review.
	 */
	private ClassificationResult chunked(SourceRecord record) {
		List<SourceRecord> parts = this.longTexts.parts(record);
		if (parts.isEmpty()) {
			return tooLong(record, "its other columns alone do not fit: shorten them or raise sift.model.slot-context");
		}
		String handling = "chunked: " + parts.size() + " parts (model.long-text: chunk)";
		List<Map<String, Object>> labels = new ArrayList<>();
		List<String> replies = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		Set<Long> examples = new LinkedHashSet<>();
		ClassificationResult.Usage usage = ClassificationResult.Usage.NONE;
		int attempts = 0;
		for (int i = 0; i < parts.size(); i++) {
			String name = "part " + (i + 1) + " of " + parts.size();
			ClassificationResult part = classify(record, parts.get(i), null);
			usage = usage.plus(part.usage());
			attempts += part.attempts();
			examples.addAll(part.exampleIds());
			replies.add(name + ": " + part.rawOutput());
			if (part.status() == ResultStatus.FAILED) {
				return result(record, ResultStatus.FAILED, Map.of(), String.join("\n", replies),
						name + ": " + part.reason(), attempts, usage, handling, List.copyOf(examples));
			}
			if (part.status() == ResultStatus.NEEDS_REVIEW) {
				problems.add(name + ": " + part.reason());
			}
			labels.add(part.labels());
		}
		if (!problems.isEmpty()) {
			return result(record, ResultStatus.NEEDS_REVIEW, Map.of(), String.join("\n", replies),
					String.join("; ", problems), attempts, usage, handling, List.copyOf(examples));
		}
		Map<String, Object> merged = new LinkedHashMap<>(this.longTexts.merge(labels));
		if (this.longTexts.hasTexts()) {
			SourceRecord texts = record.withText(this.longTexts.partsTexts(labels));
			LongTexts.Cut cut = this.longTexts.fits(texts) ? null : this.longTexts.truncate(texts);
			ClassificationResult last = classify(record, cut == null ? texts : cut.record(), null);
			usage = usage.plus(last.usage());
			attempts += last.attempts();
			examples.addAll(last.exampleIds());
			replies.add("final pass over the parts' texts: " + last.rawOutput());
			if (last.status() != this.task.validStatus()) {
				return result(record, last.status(), Map.of(), String.join("\n", replies),
						"final pass over the parts' texts: " + last.reason(), attempts, usage, handling,
						List.copyOf(examples));
			}
			for (FieldSpec field : this.task.fields()) {
				if ((field.type() == FieldType.TEXT || field.type() == FieldType.LIST)
						&& last.labels().containsKey(field.name())) {
					merged.put(field.name(), last.labels().get(field.name()));
				}
			}
		}
		List<String> violations = this.task.check(merged);
		return violations.isEmpty()
				? result(record, this.task.validStatus(), merged, String.join("\n", replies), null, attempts, usage,
						handling, List.copyOf(examples))
				: result(record, ResultStatus.NEEDS_REVIEW, Map.of(), String.join("\n", replies),
						"the parts' merged reply broke the rules: " + String.join("; ", violations), attempts, usage,
						handling, List.copyOf(examples));
	}

	private ClassificationResult tooLong(SourceRecord record, String fix) {
		return result(record, ResultStatus.FAILED, Map.of(), null,
				record.location() + ": the text does not fit one request: " + this.longTexts.tooLong(record) + "; "
						+ fix,
				0, ClassificationResult.Usage.NONE, null, List.of());
	}

	/**
	 * Asks about {@code prompted} (the record, or the part of it that fits) and stores the answer as the result of
	 * {@code record}, whose text stays the whole text, so an unchanged record is still recognised as one.
	 */
	private ClassificationResult classify(SourceRecord record, SourceRecord prompted, String handling) {
		List<StoredResult> corrections = this.corrections.nearest(prompted);
		List<Long> exampleIds = corrections.stream().map(StoredResult::id).toList();
		ClassificationResult.Usage usage = ClassificationResult.Usage.NONE;
		List<String> violations = new ArrayList<>();
		String reply = null;
		for (int attempt = 1; attempt <= this.maxAttempts; attempt++) {
			long started = System.nanoTime();
			ChatResponse response;
			try {
				response = ask(prompted, corrections, attempt);
			}
			catch (RuntimeException ex) {
				log.warn("Model call failed for {}: {}", record.location(), ex.getMessage());
				log.debug("Model call failure", ex);
				return result(record, ResultStatus.FAILED, Map.of(), reply,
						record.location() + ": model call failed: " + ex.getMessage(), attempt, usage, handling,
						exampleIds);
			}
			reply = replyText(response);
			usage = usage.plus(usageOf(response, (System.nanoTime() - started) / 1_000_000));
			Validation validation = this.task.validate(reply);
			if (validation.isValid()) {
				return result(record, this.task.validStatus(), validation.labels(), reply, null, attempt, usage,
						handling, exampleIds);
			}
			violations = validation.violations();
			log.debug("Attempt {} for {} broke rules: {}", attempt, record.location(), violations);
		}
		return result(record, ResultStatus.NEEDS_REVIEW, Map.of(), reply,
				"reply broke the rules after " + this.maxAttempts + " attempts: " + String.join("; ", violations),
				this.maxAttempts, usage, handling, exampleIds);
	}

	private ChatResponse ask(SourceRecord record, List<StoredResult> corrections, int attempt) {
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
		return this.chatClient.prompt()
			.messages(this.task.messages(record, corrections))
			.options(options)
			.call()
			.chatResponse();
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
			String reply, String reason, int attempts, ClassificationResult.Usage usage, String handling,
			List<Long> exampleIds) {
		return new ClassificationResult(this.run.jobName(), this.run.jobInstanceId(), record.source(), record.id(),
				record.line(), record.text(), record.fields(), labels, reply, status, reason, attempts,
				this.run.modelName(), this.run.promptVersion(), usage, handling, exampleIds);
	}

}
