package dev.sift.job;

import java.util.List;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.support.CompositeItemProcessor;

import dev.sift.definition.JobSpec;
import dev.sift.result.ClassificationResult;
import dev.sift.result.ResultStore;
import dev.sift.source.SourceRecord;

/**
 * The processing of one step execution: results carry the run's id, and whether records with a current result are
 * left alone is a job parameter, so the processor chain is made when the step starts.
 */
final class SpecProcessor implements ItemProcessor<SourceRecord, ClassificationResult>, StepExecutionListener {

	private final JobSpec spec;

	private final TaskPrompt task;

	private final ChatClient chatClient;

	private final ChatOptions modelOptions;

	private final String modelName;

	private final ResultStore results;

	private final DatabaseWatch watch;

	private final int maxAttempts;

	private final LongTexts longTexts;

	private final List<String> correctionJobs;

	private ItemProcessor<SourceRecord, ClassificationResult> delegate;

	SpecProcessor(JobSpec spec, TaskPrompt task, ChatClient chatClient, ChatOptions modelOptions, String modelName,
			ResultStore results, DatabaseWatch watch, int maxAttempts, LongTexts longTexts,
			List<String> correctionJobs) {
		this.spec = spec;
		this.task = task;
		this.chatClient = chatClient;
		this.modelOptions = modelOptions;
		this.modelName = modelName;
		this.results = results;
		this.watch = watch;
		this.maxAttempts = maxAttempts;
		this.longTexts = longTexts;
		this.correctionJobs = List.copyOf(correctionJobs);
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		String promptVersion = this.task.promptVersion(this.modelName);
		RunContext run = new RunContext(this.spec.name(),
				stepExecution.getJobExecution().getJobInstance().getInstanceId(), this.modelName, promptVersion);
		CorrectionExamples corrections = CorrectionExamples.load(this.results, this.correctionJobs,
				this.task.correctionExamples());
		RecordProcessor processor = new RecordProcessor(this.chatClient, this.modelOptions, this.task,
				this.spec.model(), run, this.maxAttempts, this.longTexts.with(corrections), corrections);
		ItemProcessor<SourceRecord, SourceRecord> watched = record -> {
			this.watch.check();
			return record;
		};
		boolean reprocess = Boolean.parseBoolean(stepExecution.getJobParameters().getString(SpecJobs.REPROCESS));
		this.delegate = reprocess ? new CompositeItemProcessor<>(watched, processor)
				: new CompositeItemProcessor<>(watched,
						new UnchangedRecordFilter(this.results, this.spec.name(), promptVersion), processor);
	}

	@Override
	public ClassificationResult process(SourceRecord record) throws Exception {
		return this.delegate.process(record);
	}

}
