package dev.sift.job;

import java.util.List;
import java.util.Map;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.stereotype.Service;

import dev.sift.definition.JobSpec;
import dev.sift.result.ClassificationResult;
import dev.sift.result.ResultStatus;
import dev.sift.result.ResultStore;
import dev.sift.source.SourceRecord;

/**
 * Tries a job on one text a person types, as a run would process it, and keeps nothing: how people write and tune a
 * job spec. One attempt, so what the model does with the prompt is what shows.
 */
@Service
public class JobTrials {

	private static final String SOURCE = "try";

	private final SpecJobs jobs;

	private final ChatClient chatClient;

	private final ChatModel chatModel;

	private final ResultStore results;

	JobTrials(SpecJobs jobs, ChatClient.Builder chatClients, ChatModel chatModel, ResultStore results) {
		this.jobs = jobs;
		this.chatClient = chatClients.build();
		this.chatModel = chatModel;
		this.results = results;
	}

	/**
	 * @param text the record's text
	 * @param columns values of the job's extra columns (a generate job's prompt placeholders); missing ones are empty
	 * @throws dev.sift.definition.UnknownJobException for a job that is not defined
	 */
	public Trial run(String job, String text, Map<String, String> columns) {
		JobSpec spec = this.jobs.specs().get(job);
		TaskPrompt prompt = this.jobs.prompt(job);
		Map<String, String> fields = new java.util.LinkedHashMap<>();
		spec.source().extraColumns().forEach(column -> fields.put(column, columns.getOrDefault(column, "").strip()));
		SourceRecord record = text == null || text.isBlank()
				? SourceRecord.problem(SOURCE, "try-1", "", fields, 1, "empty text")
				: SourceRecord.good(SOURCE, "try-1", text.strip(), fields, 1);
		String promptVersion = prompt.promptVersion(this.jobs.modelName());
		CorrectionExamples corrections = CorrectionExamples.load(this.results, this.jobs.sameTask(spec.name()),
				prompt.correctionExamples());
		ClassificationResult result = new RecordProcessor(this.chatClient, this.chatModel.getOptions(), prompt,
				spec.model(), new RunContext(spec.name(), 0, this.jobs.modelName(), promptVersion), 1,
				LongTexts.of(spec, prompt, this.chatModel).with(corrections), corrections)
			.process(record);
		List<String> broken = result.rawOutput() == null ? List.of() : prompt.validate(result.rawOutput()).violations();
		return new Trial(spec.name(), prompt.messages(record, corrections.nearest(record)), result.status(),
				result.labels(), result.rawOutput(), broken, result.reason(), result.usage().promptTokens(), result.usage().completionTokens(),
				result.usage().durationMillis(), promptVersion);
	}

	/**
	 * What one try gave.
	 *
	 * @param messages the messages the model got, in order (the model's chat template lays them out)
	 * @param status what a run would have stored: {@code ok} or {@code draft}, {@code needs_review}, {@code failed}
	 * @param broken the job's rules the reply broke, each {@code field: what is wrong}; empty for a valid reply
	 * @param reason why the result needs review or failed, as a run would store it
	 */
	public record Trial(String job, List<Message> messages, ResultStatus status, Map<String, Object> labels,
			String rawOutput, List<String> broken, String reason, int promptTokens, int completionTokens,
			long durationMillis, String promptVersion) {

		public Trial {
			messages = List.copyOf(messages);
			labels = Map.copyOf(labels);
			broken = List.copyOf(broken);
		}

	}

}
