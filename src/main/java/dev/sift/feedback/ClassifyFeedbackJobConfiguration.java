package dev.sift.feedback;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.support.CompositeItemProcessor;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.nio.file.Path;
import java.time.LocalDateTime;

import dev.sift.model.LlamaCppChatModel;
import dev.sift.model.LlamaCppProperties;
import dev.sift.result.ClassificationResult;
import dev.sift.result.ResultRepository;
import dev.sift.source.CountingSource;
import dev.sift.source.CsvSourceReader;
import dev.sift.source.PostgresSourceReader;
import dev.sift.source.SourceRecord;

/**
 * The {@code classify-feedback} job: read feedback from a CSV file or a PostgreSQL table, classify each record with
 * the model, upsert the results, then export them as CSV. Job parameters: {@code input} (the CSV file, or
 * {@code postgres:<table>}; identifying) and {@code output} (the results CSV, optional).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FeedbackProperties.class)
public class ClassifyFeedbackJobConfiguration {

	public static final String JOB_NAME = "classify-feedback";

	public static final String INPUT = "input";

	public static final String OUTPUT = "output";

	/**
	 * Parameters of one run: the input identifies it (a run of the same input can be resumed), the request time makes
	 * each start a new run, and the output is only where the results go.
	 * @param input the CSV file, or {@code postgres:<table>} (see {@link FeedbackProperties#sourceId()}); results are
	 * stored and exported under this name
	 * @param output the results CSV, or {@code null} for none
	 */
	public static JobParameters runParameters(String input, Path output) {
		return new JobParametersBuilder().addString(INPUT, input)
			.addString(OUTPUT, output == null ? "" : output.toString(), false)
			.addLocalDateTime("requested", LocalDateTime.now())
			.toJobParameters();
	}

	@Bean
	FeedbackTask feedbackTask(FeedbackProperties properties) {
		return new FeedbackTask(properties.topics());
	}

	@Bean
	Job classifyFeedbackJob(JobRepository jobRepository, Step classifyFeedbackStep, Step exportFeedbackStep) {
		return new JobBuilder(JOB_NAME, jobRepository).start(classifyFeedbackStep).next(exportFeedbackStep).build();
	}

	/**
	 * Items of a chunk are classified concurrently, one thread per parallel slot, so llama.cpp decodes them in one
	 * batch; reading and writing stay on the step thread, so restart state stays exact.
	 */
	@Bean
	Step classifyFeedbackStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			CountingSource feedbackReader, FeedbackClassifier feedbackClassifier, ResultRepository results,
			FeedbackProperties properties, LlamaCppProperties modelProperties, FeedbackTask task,
			LlamaCppChatModel chatModel) {
		int slotCount = modelProperties.parallel() * modelProperties.instances();
		ItemProcessor<SourceRecord, ClassificationResult> processor = properties.reprocess() ? feedbackClassifier
				: new CompositeItemProcessor<>(
						new UnchangedRecordFilter(results, task.promptVersion(chatModel.getModelName())),
						feedbackClassifier);
		SimpleAsyncTaskExecutor slots = new SimpleAsyncTaskExecutor("sift-slot-");
		slots.setConcurrencyLimit(slotCount);
		return new StepBuilder("classify", jobRepository)
			.<SourceRecord, ClassificationResult>chunk(properties.chunkSizeFor(slotCount))
			.reader(feedbackReader)
			.processor(processor)
			.writer(chunk -> results.upsert(chunk.getItems()))
			.transactionManager(transactionManager)
			.taskExecutor(slots)
			.listener(new ProgressLog(feedbackReader))
			.build();
	}

	/** The table of a postgres source is read from the application's own database. */
	@Bean
	@StepScope
	CountingSource feedbackReader(FeedbackProperties properties, JdbcTemplate jdbc,
			@Value("#{jobParameters['input']}") String input) {
		return switch (properties.source()) {
			case CSV -> new CsvSourceReader(properties.csvSettings(Path.of(input)));
			case POSTGRES -> new PostgresSourceReader(jdbc, properties.postgresSettings());
		};
	}

	@Bean
	@StepScope
	FeedbackClassifier feedbackClassifier(ChatClient.Builder chatClients, LlamaCppChatModel chatModel,
			FeedbackTask task, FeedbackProperties properties,
			@Value("#{stepExecution.jobExecution.jobInstance.instanceId}") long jobInstanceId) {
		RunContext run = new RunContext(jobInstanceId, chatModel.getModelName(),
				task.promptVersion(chatModel.getModelName()), chatModel.getOptions().getSeed());
		return new FeedbackClassifier(chatClients.build(), task, run, properties.maxAttempts());
	}

	@Bean
	Step exportFeedbackStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			Tasklet exportFeedbackResults) {
		return new StepBuilder("export", jobRepository).tasklet(exportFeedbackResults, transactionManager).build();
	}

	/** Exports from the database rather than during the run, so a restarted run still writes each record once. */
	@Bean
	@StepScope
	Tasklet exportFeedbackResults(ResultRepository results, FeedbackTask task, LlamaCppChatModel chatModel,
			@Value("#{jobParameters['input']}") String input, @Value("#{jobParameters['output']}") String output) {
		return (contribution, chunkContext) -> {
			if (output != null && !output.isBlank()) {
				long rows = results.exportCsv(input, task.promptVersion(chatModel.getModelName()),
						FeedbackTask.LABEL_NAMES, Path.of(output));
				chunkContext.getStepContext().getStepExecution().getExecutionContext().putLong("exported", rows);
			}
			return RepeatStatus.FINISHED;
		};
	}

}
