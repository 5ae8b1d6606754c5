package dev.sift.job;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.batch.core.configuration.DuplicateJobException;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import dev.sift.definition.JobSpec;
import dev.sift.definition.JobSpecs;
import dev.sift.model.LlamaCppChatModel;
import dev.sift.model.LlamaCppProperties;
import dev.sift.result.ClassificationResult;
import dev.sift.result.ResultRepository;
import dev.sift.source.SourceRecord;

/**
 * Builds one Spring Batch job per job spec and registers it, so runs can be started, stopped and restarted by name.
 * Each job has two steps: {@code process} reads the source in chunks, asks the model about each record and upserts
 * the results; {@code export} then writes the results CSV and the write-back columns from the results table.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RunProperties.class)
public class SpecJobConfiguration {

	private final JobRepository jobRepository;

	private final PlatformTransactionManager transactionManager;

	private final ChatClient chatClient;

	private final LlamaCppChatModel chatModel;

	private final ResultRepository results;

	private final JdbcTemplate jdbc;

	private final RunProperties properties;

	private final int slotCount;

	SpecJobConfiguration(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ChatClient.Builder chatClients, LlamaCppChatModel chatModel, LlamaCppProperties modelProperties,
			ResultRepository results, JdbcTemplate jdbc, RunProperties properties) {
		this.jobRepository = jobRepository;
		this.transactionManager = transactionManager;
		this.chatClient = chatClients.build();
		this.chatModel = chatModel;
		this.results = results;
		this.jdbc = jdbc;
		this.properties = properties;
		this.slotCount = modelProperties.parallel() * modelProperties.instances();
	}

	/**
	 * Spring Batch registers only job beans by itself; the jobs of specs are built here, so the registry that the
	 * job operator looks them up in (to restart or stop a run) is a bean they are added to.
	 */
	@Bean
	MapJobRegistry jobRegistry() {
		return new MapJobRegistry();
	}

	@Bean
	JobStarts jobStarts() {
		return new JobStarts();
	}

	@Bean
	SpecJobs specJobs(JobSpecs specs, JobRegistry jobRegistry, JobStarts jobStarts) throws DuplicateJobException {
		Map<String, Job> jobs = new LinkedHashMap<>();
		Map<String, TaskPrompt> prompts = new LinkedHashMap<>();
		for (JobSpec spec : specs.all()) {
			TaskPrompt prompt = TaskPrompt.of(spec);
			Job job = new JobBuilder(spec.name(), this.jobRepository).listener(jobStarts)
				.start(processStep(spec, prompt))
				.next(exportStep(spec, prompt))
				.build();
			jobRegistry.register(job);
			jobs.put(spec.name(), job);
			prompts.put(spec.name(), prompt);
		}
		return new SpecJobs(specs, jobs, prompts, this.chatModel.getModelName());
	}

	/**
	 * Items of a chunk are processed concurrently, one thread per parallel slot, so llama.cpp decodes them in one
	 * batch; reading and writing stay on the step thread, so restart state stays exact.
	 */
	private Step processStep(JobSpec spec, TaskPrompt prompt) {
		SpecSourceReader reader = new SpecSourceReader(spec, this.jdbc);
		ProgressLog progress = new ProgressLog(reader);
		SimpleAsyncTaskExecutor slots = new SimpleAsyncTaskExecutor("sift-slot-");
		slots.setConcurrencyLimit(this.slotCount);
		return new StepBuilder(SpecJobs.PROCESS_STEP, this.jobRepository)
			.<SourceRecord, ClassificationResult>chunk(this.properties.chunkSizeFor(this.slotCount))
			.reader(reader)
			.processor(new SpecProcessor(spec, prompt, this.chatClient, this.chatModel, this.results,
					this.properties.maxAttempts()))
			.writer(chunk -> this.results.upsert(chunk.getItems()))
			.transactionManager(this.transactionManager)
			.taskExecutor(slots)
			.stream(progress)
			.listener(progress)
			.build();
	}

	/** Exports from the database rather than during the run, so a restarted run still writes each record once. */
	private Step exportStep(JobSpec spec, TaskPrompt prompt) {
		ResultExport export = new ResultExport(spec, prompt, this.results, this.jdbc);
		return new StepBuilder("export", this.jobRepository).tasklet((contribution, chunkContext) -> {
			var stepExecution = chunkContext.getStepContext().getStepExecution();
			String input = stepExecution.getJobParameters().getString(SpecJobs.INPUT);
			String output = stepExecution.getJobParameters().getString(SpecJobs.OUTPUT);
			String promptVersion = prompt.promptVersion(this.chatModel.getModelName());
			if (output != null && !output.isBlank()) {
				stepExecution.getExecutionContext().putLong("exported", export.csv(input, promptVersion, Path.of(output)));
			}
			stepExecution.getExecutionContext().putLong("written-back", export.writeBack(input, promptVersion));
			return RepeatStatus.FINISHED;
		}, this.transactionManager).build();
	}

}
