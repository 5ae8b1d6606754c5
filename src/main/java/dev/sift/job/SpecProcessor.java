package dev.sift.job;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.support.CompositeItemProcessor;

import dev.sift.definition.JobSpec;
import dev.sift.model.LlamaCppChatModel;
import dev.sift.result.ClassificationResult;
import dev.sift.result.ResultRepository;
import dev.sift.source.SourceRecord;

/**
 * The processing of one step execution: results carry the run's id, and whether records with a current result are
 * left alone is a job parameter, so the processor chain is made when the step starts.
 */
final class SpecProcessor implements ItemProcessor<SourceRecord, ClassificationResult>, StepExecutionListener {

	private final JobSpec spec;

	private final TaskPrompt task;

	private final ChatClient chatClient;

	private final LlamaCppChatModel chatModel;

	private final ResultRepository results;

	private final int maxAttempts;

	private ItemProcessor<SourceRecord, ClassificationResult> delegate;

	SpecProcessor(JobSpec spec, TaskPrompt task, ChatClient chatClient, LlamaCppChatModel chatModel,
			ResultRepository results, int maxAttempts) {
		this.spec = spec;
		this.task = task;
		this.chatClient = chatClient;
		this.chatModel = chatModel;
		this.results = results;
		this.maxAttempts = maxAttempts;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		String promptVersion = this.task.promptVersion(this.chatModel.getModelName());
		RunContext run = new RunContext(this.spec.name(), stepExecution.getJobExecution().getJobInstance().getInstanceId(),
				this.chatModel.getModelName(), promptVersion, this.chatModel.getOptions().getSeed());
		RecordProcessor processor = new RecordProcessor(this.chatClient, this.task, this.spec.model(), run,
				this.maxAttempts);
		boolean reprocess = Boolean.parseBoolean(stepExecution.getJobParameters().getString(SpecJobs.REPROCESS));
		this.delegate = reprocess ? processor
				: new CompositeItemProcessor<>(new UnchangedRecordFilter(this.results, promptVersion), processor);
	}

	@Override
	public ClassificationResult process(SourceRecord record) throws Exception {
		return this.delegate.process(record);
	}

}
