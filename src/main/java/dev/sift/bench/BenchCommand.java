package dev.sift.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import dev.sift.feedback.ClassifyFeedbackJobConfiguration;
import dev.sift.feedback.FeedbackProperties;
import dev.sift.feedback.FeedbackTask;
import dev.sift.model.LlamaCppChatModel;
import dev.sift.model.LlamaCppChatOptions;
import dev.sift.model.LlamaCppModels;
import dev.sift.model.LlamaCppProperties;
import dev.sift.model.ModelFile;
import dev.sift.result.ResultRepository;
import dev.sift.run.Command;
import dev.sift.run.JobRunner;

/**
 * {@code bench}: measures the classify-feedback pipeline against java-llama.cpp alone, on generated records and the
 * same rendered prompts, in one process with one loaded model. Phases: the pipeline (Spring Batch, database and all),
 * the bare baseline ({@code complete()} from as many threads as slots, with and without the grammar) and the naive
 * configuration (one slot, no prompt caching). Token counts come from llama.cpp's own log, so the command needs
 * {@code sift.model.native-log-file}.
 */
@Component
@EnableConfigurationProperties(BenchProperties.class)
public class BenchCommand implements Command {

	private static final Logger log = LoggerFactory.getLogger(BenchCommand.class);

	private final BenchProperties bench;

	private final LlamaCppChatModel model;

	private final ModelFile modelFile;

	private final LlamaCppProperties modelProperties;

	private final FeedbackTask task;

	private final JobRunner jobRunner;

	private final Job classifyFeedbackJob;

	private final ResultRepository results;

	private final FeedbackProperties feedback;

	public BenchCommand(BenchProperties bench, LlamaCppChatModel model, ModelFile modelFile,
			LlamaCppProperties modelProperties, FeedbackTask task, JobRunner jobRunner, Job classifyFeedbackJob,
			ResultRepository results, FeedbackProperties feedback) {
		this.feedback = feedback;
		this.bench = bench;
		this.model = model;
		this.modelFile = modelFile;
		this.modelProperties = modelProperties;
		this.task = task;
		this.jobRunner = jobRunner;
		this.classifyFeedbackJob = classifyFeedbackJob;
		this.results = results;
	}

	@Override
	public String name() {
		return "bench";
	}

	@Override
	public String usage() {
		return "--sift.model.native-log-file=FILE [--sift.bench.records=N]: measure throughput (docs/benchmarks.md)";
	}

	@Override
	public int run(List<String> arguments) throws Exception {
		Path nativeLog = this.modelProperties.nativeLogFile();
		if (this.feedback.maxAttempts() > 1) {
			log.warn("sift.feedback.max-attempts is {}: retried records cost the pipeline extra requests that the "
					+ "bare baseline does not make; set it to 1 for a like-for-like comparison",
					this.feedback.maxAttempts());
		}
		if (nativeLog == null) {
			throw new IllegalArgumentException("bench reads llama.cpp's token counts from its log: "
					+ "set --sift.model.native-log-file=FILE");
		}
		List<String> texts = FeedbackTextGenerator.texts(this.bench.records(), this.bench.seed());
		List<String> prompts = texts.stream().map(text -> this.model.render(this.task.messages(text))).toList();
		PromptShape shape = PromptShape.of(prompts, this.model);
		int threads = this.modelProperties.parallel() * this.modelProperties.instances();
		LlamaCppChatOptions constrained = LlamaCppChatOptions.builder().outputSchema(this.task.outputSchema()).build();

		log.info("Warming up {} slots with the shared prompt prefix", threads);
		bare(this.model, prompts.subList(0, Math.min(threads, prompts.size())), constrained, threads);

		List<Measurement> phases = new ArrayList<>();
		phases.add(measurePipeline(texts, nativeLog, shape));
		Measurement bareConstrained = measureBare("bare-constrained", this.model, prompts, constrained, threads,
				nativeLog, shape);
		phases.add(bareConstrained);
		if (this.bench.unconstrained()) {
			// Unconstrained random text would run to the token limit: stop it where constrained replies stop.
			int maxTokens = (int) Math.ceil(bareConstrained.log().generatedTokensPerRequest());
			phases.add(measureBare("bare-unconstrained", this.model, prompts,
					LlamaCppChatOptions.builder().maxTokens(Math.max(1, maxTokens)).build(), threads, nativeLog,
					shape));
		}
		if (this.bench.naive()) {
			LlamaCppChatModel naive = LlamaCppModels.load(this.modelFile, this.modelProperties
				.withEngine(this.modelProperties.slotContextSize(), 1, 1, false), ObservationRegistry.NOOP);
			phases.add(measureBare("naive", naive, prompts, constrained, 1, nativeLog, shape));
		}
		BenchReport report = new BenchReport(this.modelFile.name(), this.modelProperties, shape.tokensPerPrompt(),
				shape.sharedPrefixTokens(), phases);
		Files.createDirectories(this.bench.output().toAbsolutePath().getParent());
		Files.writeString(this.bench.output(), report.toJson());
		System.out.println(report.toTable());
		System.out.println("Report written to " + this.bench.output().toAbsolutePath());
		return 0;
	}

	private Measurement measurePipeline(List<String> texts, Path nativeLog, PromptShape shape) throws Exception {
		Path input = FeedbackTextGenerator.write(
				Files.createTempDirectory("sift-bench-").resolve("bench-" + texts.size() + ".csv"), texts,
				this.feedback);
		long mark = NativeLogStats.mark(nativeLog);
		Measurement.resetPeakHeap();
		long started = System.nanoTime();
		JobExecution execution = this.jobRunner.run(this.classifyFeedbackJob,
				new JobParametersBuilder().addString(ClassifyFeedbackJobConfiguration.INPUT, input.toString())
					.addString(ClassifyFeedbackJobConfiguration.OUTPUT, "", false)
					.addLocalDateTime("requested", LocalDateTime.now())
					.toJobParameters(),
				ClassifyFeedbackJobConfiguration.INPUT);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			throw new IllegalStateException("The benchmark run ended " + execution.getStatus());
		}
		List<Long> latencies = this.results.durationsMillis(input.toString());
		return new Measurement("pipeline", latencies.size(), elapsed, shape.tokensPerPrompt(),
				NativeLogStats.since(nativeLog, mark), Measurement.percentile(latencies, 50),
				Measurement.percentile(latencies, 95), Measurement.peakHeap());
	}

	private static Measurement measureBare(String name, LlamaCppChatModel model, List<String> prompts,
			LlamaCppChatOptions options, int threads, Path nativeLog, PromptShape shape) throws Exception {
		log.info("Measuring {} on {} records with {} threads", name, prompts.size(), threads);
		long mark = NativeLogStats.mark(nativeLog);
		Measurement.resetPeakHeap();
		long started = System.nanoTime();
		List<Long> latencies = bare(model, prompts, options, threads);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
		return new Measurement(name, prompts.size(), elapsed, shape.tokensPerPrompt(),
				NativeLogStats.since(nativeLog, mark), Measurement.percentile(latencies, 50),
				Measurement.percentile(latencies, 95), Measurement.peakHeap());
	}

	/** A plain loop of java-llama.cpp completions from {@code threads} threads; returns each one's milliseconds. */
	private static List<Long> bare(LlamaCppChatModel model, List<String> prompts, LlamaCppChatOptions options,
			int threads) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<Long>> calls = new ArrayList<>();
			for (String prompt : prompts) {
				calls.add(executor.submit(() -> {
					long started = System.nanoTime();
					model.completeRendered(prompt, options);
					return (System.nanoTime() - started) / 1_000_000;
				}));
			}
			List<Long> latencies = new ArrayList<>();
			for (Future<Long> call : calls) {
				latencies.add(call.get());
			}
			return latencies;
		}
		finally {
			executor.shutdownNow();
		}
	}

}
