package dev.sift.job;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.batch.core.configuration.DuplicateJobException;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamSupport;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.transaction.PlatformTransactionManager;

import dev.sift.chat.ConcurrentChatModel;
import dev.sift.definition.JobSpec;
import dev.sift.definition.JobSpecs;
import dev.sift.output.Outputs;
import dev.sift.definition.SpecCheck;
import dev.sift.definition.SpecProblem;
import dev.sift.result.ClassificationResult;
import dev.sift.result.ResultStore;
import dev.sift.source.SourceRecord;

/**
 * Builds one Spring Batch job per job spec and registers it, so runs can be started, stopped and restarted by name.
 * Each job has two steps: {@code process} reads the source in chunks, asks the model about each record and upserts
 * the results, and the rows of the job's results table with them; {@code export} then writes the results CSV and the
 * write-back columns from the results store.
 *
 * <p>
 * Jobs and steps are observed through the application's {@link ObservationRegistry} (Spring Batch's
 * {@code spring.batch.job}, {@code spring.batch.step} and its chunk and item observations); the processing step also
 * counts its records in {@code sift.records} ({@link RecordMeters}).
 *
 * <p>
 * The jobs need a Spring AI {@link ChatModel} whose options take an output schema, nothing more; a model that says
 * how many requests it serves at once ({@link ConcurrentChatModel}) gets that many in flight.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RunProperties.class)
public class SpecJobConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SpecJobConfiguration.class);

	private static final String SLOTS = "siftSlotExecutor";

	private static final String WATCH = "siftDatabaseWatchScheduler";

	private final JobRepository jobRepository;

	private final PlatformTransactionManager transactionManager;

	private final ChatModel chatModel;

	private final ResultStore results;

	private final JdbcTemplate jdbc;

	private final DataSource dataSource;

	private final Outputs outputs;

	private final RunProperties properties;

	private final ObservationRegistry observationRegistry;

	private final MeterRegistry meterRegistry;

	SpecJobConfiguration(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ChatModel chatModel, ResultStore results, Outputs outputs, JdbcTemplate jdbc, DataSource dataSource,
			RunProperties properties, ObservationRegistry observationRegistry, MeterRegistry meterRegistry) {
		this.jobRepository = jobRepository;
		this.transactionManager = transactionManager;
		this.chatModel = chatModel;
		this.results = results;
		this.outputs = outputs;
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.properties = properties;
		this.observationRegistry = observationRegistry;
		this.meterRegistry = meterRegistry;
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

	/**
	 * The threads that call the model: as many as it serves requests at once, shared by every run, so concurrent runs
	 * share the model's slots instead of queueing inside it. Chunks a stopping run still finishes need these threads
	 * while the application closes, so they keep taking work until the end.
	 */
	@Bean(SLOTS)
	ThreadPoolTaskExecutor siftSlotExecutor(ThreadPoolTaskExecutorBuilder builder) {
		int slots = slots();
		return builder.threadNamePrefix("sift-slot-")
			.corePoolSize(slots)
			.maxPoolSize(slots)
			.acceptTasksAfterContextClose(true)
			.build();
	}

	/** The thread that asks the database whether it still answers while runs process records. */
	@Bean(WATCH)
	ThreadPoolTaskScheduler siftDatabaseWatchScheduler(ThreadPoolTaskSchedulerBuilder builder) {
		return builder.threadNamePrefix("sift-database-watch-").poolSize(1).build();
	}

	@Bean
	SpecJobs specJobs(JobSpecs specs, JobRegistry jobRegistry, JobStarts jobStarts, ChatClient.Builder chatClients,
			@Qualifier(SLOTS) ThreadPoolTaskExecutor slotExecutor,
			@Qualifier(WATCH) ThreadPoolTaskScheduler watchScheduler, ObjectProvider<Partitioning> partitioning)
			throws DuplicateJobException {
		ChatClient chatClient = chatClients.build();
		String modelName = modelName();
		Map<String, Job> jobs = new LinkedHashMap<>();
		Map<String, TaskPrompt> prompts = new LinkedHashMap<>();
		Map<String, Supplier<Step>> partitionSteps = new LinkedHashMap<>();
		for (JobSpec spec : specs.all()) {
			TaskPrompt prompt = TaskPrompt.of(spec);
			String promptVersion = prompt.promptVersion(modelName);
			Optional<PromptFit> fit = PromptFit.of(spec, prompt, this.chatModel);
			fit.filter(candidate -> !candidate.fits()).ifPresent(tooLong -> log.warn(tooLong.problem()));
			List<String> sameTask = SpecJobs.sameTask(specs, spec);
			Supplier<Step> processSteps = () -> processStep(spec, sameTask, prompt, chatClient, modelName,
					slotExecutor, new DatabaseWatch(this.dataSource, watchScheduler));
			Step process = new ProcessStep(spec, processSteps.get(), partitions -> new PartitionedRun(spec,
					partitions, promptVersion, this.jdbc, this.outputs, this.jobRepository,
					new DatabaseWatch(this.dataSource, watchScheduler)), partitioning);
			Job job = new JobBuilder(spec.name(), this.jobRepository).observationRegistry(this.observationRegistry)
				.listener(jobStarts)
				.listener(new PromptFitCheck(fit))
				.start(process)
				.next(exportStep(spec, prompt, modelName))
				.build();
			jobRegistry.register(job);
			jobs.put(spec.name(), job);
			prompts.put(spec.name(), prompt);
			partitionSteps.put(spec.name(), processSteps);
		}
		return new SpecJobs(specs, jobs, prompts, modelName, partitionSteps);
	}

	/**
	 * Items of a chunk are processed concurrently on the slot threads, so llama.cpp decodes them in one batch;
	 * reading and writing stay on the step thread, so restart state stays exact. A partition's step refuses a run
	 * whose prompt version is not this process's ({@link PartitionCheck}).
	 */
	private Step processStep(JobSpec spec, List<String> sameTask, TaskPrompt prompt, ChatClient chatClient,
			String modelName, ThreadPoolTaskExecutor slotExecutor, DatabaseWatch watch) {
		SpecSourceReader reader = new SpecSourceReader(spec, this.jdbc);
		ProgressLog progress = new ProgressLog(reader, this.jdbc);
		String promptVersion = prompt.promptVersion(modelName);
		RecordMeters meters = new RecordMeters(this.meterRegistry, spec.name());
		return new StepBuilder(SpecJobs.PROCESS_STEP, this.jobRepository).observationRegistry(this.observationRegistry)
			.<SourceRecord, ClassificationResult>chunk(this.properties.chunkSizeFor(slots()))
			.reader(reader)
			.processor(new SpecProcessor(spec, prompt, chatClient, this.chatModel.getOptions(), modelName,
					this.results, watch, this.properties.maxAttempts(),
					LongTexts.of(spec, prompt, this.chatModel), sameTask))
			.writer(chunk -> {
				this.results.upsert(chunk.getItems());
				chunk.getItems()
					.stream()
					.collect(Collectors.groupingBy(ClassificationResult::source,
							Collectors.mapping(ClassificationResult::recordId, Collectors.toList())))
					.forEach((source, recordIds) -> this.outputs.stored(spec, source, promptVersion, recordIds));
			})
			.transactionManager(this.transactionManager)
			.taskExecutor(slotExecutor)
			.stream(new ItemStreamSupport() {

				@Override
				public void open(ExecutionContext executionContext) {
					SpecJobConfiguration.this.outputs.prepare(spec, promptVersion);
				}

			})
			.stream(progress)
			.stream(meters)
			.listener(progress)
			.listener(meters)
			.listener(watch)
			.listener(new PartitionCheck(spec.name(), promptVersion))
			.build();
	}

	/** Exports from the database rather than during the run, so a restarted run still writes each record once. */
	private Step exportStep(JobSpec spec, TaskPrompt prompt, String modelName) {
		ResultExport export = new ResultExport(spec, prompt, this.results);
		String promptVersion = prompt.promptVersion(modelName);
		return new StepBuilder(SpecJobs.EXPORT_STEP, this.jobRepository).observationRegistry(this.observationRegistry)
			.tasklet((contribution, chunkContext) -> {
				var stepExecution = chunkContext.getStepContext().getStepExecution();
				String input = stepExecution.getJobParameters().getString(SpecJobs.INPUT);
				String output = stepExecution.getJobParameters().getString(SpecJobs.OUTPUT);
				if (output != null && !output.isBlank()) {
					stepExecution.getExecutionContext()
						.putLong(SpecJobs.EXPORTED, export.csv(input, promptVersion, Path.of(output)));
				}
				stepExecution.getExecutionContext()
					.putLong("written-back", this.outputs.writeBack(spec, input, promptVersion));
				return RepeatStatus.FINISHED;
			}, this.transactionManager).build();
	}

	/** The check {@code validate} runs with each spec's others: the same as a run's before it reads any record. */
	@Bean
	SpecCheck promptFitCheck() {
		return spec -> new SpecCheck.Result(PromptFit.of(spec, this.chatModel)
			.filter(fit -> !fit.fits())
			.map(fit -> new SpecProblem(spec.file(), spec.lineOf("task"), fit.problem(), null))
			.stream()
			.toList(), List.of());
	}

	private int slots() {
		return this.chatModel instanceof ConcurrentChatModel concurrent ? Math.max(1, concurrent.concurrentRequests())
				: 1;
	}

	/** The model's name as its options give it: results and prompt versions are told apart by it. */
	private String modelName() {
		return Objects.requireNonNullElse(this.chatModel.getOptions().getModel(), "unnamed-model");
	}

}
