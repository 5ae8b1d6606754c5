package dev.sift.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import dev.sift.cli.Command;
import dev.sift.cli.UsageException;
import dev.sift.definition.CsvSourceSpec;
import dev.sift.definition.JobSpec;
import dev.sift.job.RunOptions;
import dev.sift.job.RunProperties;
import dev.sift.job.SpecJobs;
import dev.sift.job.TaskPrompt;
import dev.sift.model.LlamaCppChatModel;
import dev.sift.model.LlamaCppChatOptions;
import dev.sift.model.LlamaCppModels;
import dev.sift.model.LlamaCppProperties;
import dev.sift.model.ModelFile;
import dev.sift.result.ResultStore;
import dev.sift.run.JobRunner;
import dev.sift.source.SourceNames;
import dev.sift.source.SourceRecord;

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

	private final ObjectProvider<LlamaCppChatModel> models;

	private final ObjectProvider<ModelFile> modelFiles;

	private final ObjectProvider<LlamaCppProperties> modelSettings;

	private final JobRunner jobRunner;

	private final SpecJobs jobs;

	private final ResultStore results;

	private final RunProperties runProperties;

	/**
	 * The llama.cpp model is asked for only when the command runs: Sift's jobs work with any chat model, the
	 * benchmark measures the in-process llama.cpp one.
	 */
	public BenchCommand(BenchProperties bench, ObjectProvider<LlamaCppChatModel> models,
			ObjectProvider<ModelFile> modelFiles, ObjectProvider<LlamaCppProperties> modelSettings,
			JobRunner jobRunner, SpecJobs jobs, ResultStore results, RunProperties runProperties) {
		this.bench = bench;
		this.models = models;
		this.modelFiles = modelFiles;
		this.modelSettings = modelSettings;
		this.jobRunner = jobRunner;
		this.jobs = jobs;
		this.results = results;
		this.runProperties = runProperties;
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
		LlamaCppChatModel model = this.models.getIfAvailable();
		ModelFile modelFile = this.modelFiles.getIfAvailable();
		LlamaCppProperties modelProperties = this.modelSettings.getIfAvailable();
		if (model == null || modelFile == null || modelProperties == null) {
			throw new IllegalStateException("bench measures the in-process llama.cpp model against bare "
					+ "java-llama.cpp, and this Sift runs without it; remove the chat model that replaces it");
		}
		Path nativeLog = modelProperties.nativeLogFile();
		if (this.runProperties.maxAttempts() > 1) {
			log.warn("sift.run.max-attempts is {}: retried records cost the pipeline extra requests that the "
					+ "bare baseline does not make; set it to 1 for a like-for-like comparison",
					this.runProperties.maxAttempts());
		}
		JobSpec spec = this.jobs.specs().get(this.bench.job());
		if (!(spec.source() instanceof CsvSourceSpec)) {
			throw new UsageException("bench writes generated CSV files: " + spec.name() + " reads PostgreSQL");
		}
		TaskPrompt task = this.jobs.prompt(spec.name());
		if (nativeLog == null) {
			throw new UsageException("bench reads llama.cpp's token counts from its log: "
					+ "set --sift.model.native-log-file=FILE");
		}
		List<String> texts = FeedbackTextGenerator.texts(this.bench.records(), this.bench.seed());
		// Records as the job reads them from the generated files: extra columns empty, so they add nothing.
		List<String> prompts = texts.stream()
			.map(text -> model.render(task.messages(SourceRecord.good("bench", "", text, Map.of(), 0))))
			.toList();
		PromptShape shape = PromptShape.of(prompts, model);
		int threads = model.concurrentRequests();
		LlamaCppChatOptions constrained = LlamaCppChatOptions.builder().outputSchema(task.outputSchema()).build();
		warmUp(spec, threads, nativeLog);

		List<Measurement.Run> pipelineRuns = new ArrayList<>();
		List<Measurement.Run> bareRuns = new ArrayList<>();
		for (List<Integer> round : rounds(texts.size(), this.bench.rounds())) {
			pipelineRuns.add(runPipeline(spec, pick(texts, round), nativeLog));
			bareRuns.add(runBare(model, pick(prompts, round), constrained, threads, nativeLog));
		}
		List<Measurement> phases = new ArrayList<>();
		phases.add(Measurement.of("pipeline", pipelineRuns, shape.tokensPerPrompt()));
		Measurement bareConstrained = Measurement.of("bare-constrained", bareRuns, shape.tokensPerPrompt());
		phases.add(bareConstrained);
		if (this.bench.unconstrained()) {
			// Unconstrained random text would run to the token limit: stop it where constrained replies stop.
			int maxTokens = (int) Math.ceil(bareConstrained.log().generatedTokensPerRequest());
			LlamaCppChatOptions free = LlamaCppChatOptions.builder().maxTokens(Math.max(1, maxTokens)).build();
			phases.add(Measurement.of("bare-unconstrained",
					List.of(runBare(model, prompts, free, threads, nativeLog)), shape.tokensPerPrompt()));
		}
		if (this.bench.naive()) {
			LlamaCppChatModel naive = LlamaCppModels
				.load(modelFile,
						modelProperties.withEngine(modelProperties.slotContext(), 1, 1, false))
				.build();
			phases.add(Measurement.of("naive", List.of(runBare(naive, prompts, constrained, 1, nativeLog)),
					shape.tokensPerPrompt()));
		}
		BenchReport report = new BenchReport(modelFile.name(), modelProperties, shape.tokensPerPrompt(),
				shape.sharedPrefixTokens(), phases);
		Files.createDirectories(this.bench.output().toAbsolutePath().getParent());
		Files.writeString(this.bench.output(), report.toJson());
		System.out.println(report.toTable());
		System.out.println("Report written to " + this.bench.output().toAbsolutePath());
		return 0;
	}

	/**
	 * Runs the pipeline once on other texts than the measured ones, so every slot holds the shared prefix (not a
	 * measured record) and the JVM has compiled the pipeline's code before anything is timed.
	 */
	private void warmUp(JobSpec spec, int threads, Path nativeLog) throws Exception {
		log.info("Warming up: the shared prompt prefix into {} slots, the pipeline into the JIT", threads);
		runPipeline(spec, FeedbackTextGenerator.texts(threads * 2, this.bench.seed() + 1), nativeLog);
	}

	/** The record indexes of each round: every round gets an even share, in order. */
	static List<List<Integer>> rounds(int records, int rounds) {
		List<List<Integer>> result = new ArrayList<>();
		for (int round = 0; round < rounds; round++) {
			List<Integer> indexes = new ArrayList<>();
			for (int i = round * records / rounds; i < (round + 1) * records / rounds; i++) {
				indexes.add(i);
			}
			if (!indexes.isEmpty()) {
				result.add(indexes);
			}
		}
		return result;
	}

	private static List<String> pick(List<String> values, List<Integer> indexes) {
		return indexes.stream().map(values::get).toList();
	}

	private Measurement.Run runPipeline(JobSpec spec, List<String> texts, Path nativeLog) throws Exception {
		Path input = FeedbackTextGenerator.write(
				Files.createTempDirectory("sift-bench-").resolve("bench-" + texts.size() + ".csv"), texts,
				(CsvSourceSpec) spec.source());
		long mark = NativeLogStats.mark(nativeLog);
		Measurement.resetPeakHeap();
		long started = System.nanoTime();
		JobExecution execution = this.jobRunner.run(this.jobs.job(spec.name()),
				SpecJobs.runParameters(input.toString(), null, RunOptions.DEFAULTS), SpecJobs.INPUT);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			throw new IllegalStateException("The benchmark run ended " + execution.getStatus());
		}
		List<Long> latencies = this.results.durationsMillis(spec.name(), SourceNames.canonical(input.toString()));
		return new Measurement.Run(latencies.size(), elapsed,
				NativeLogStats.awaitSince(nativeLog, mark, latencies.size()), latencies, Measurement.peakHeap());
	}

	private static Measurement.Run runBare(LlamaCppChatModel model, List<String> prompts,
			LlamaCppChatOptions options, int threads, Path nativeLog) throws Exception {
		log.info("Measuring java-llama.cpp alone on {} records with {} threads", prompts.size(), threads);
		long mark = NativeLogStats.mark(nativeLog);
		Measurement.resetPeakHeap();
		long started = System.nanoTime();
		List<Long> latencies = bare(model, prompts, options, threads);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
		return new Measurement.Run(prompts.size(), elapsed,
				NativeLogStats.awaitSince(nativeLog, mark, prompts.size()), latencies, Measurement.peakHeap());
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
