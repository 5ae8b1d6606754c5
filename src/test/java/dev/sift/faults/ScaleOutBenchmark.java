package dev.sift.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.sift.testing.FeedbackFiles;
import dev.sift.testing.GgmlType;
import dev.sift.testing.SiftProcess;
import dev.sift.testing.TestDatabase;
import dev.sift.testing.TinyLlamaModel;
import dev.sift.testing.TinyLlamaModel.Shape;

/**
 * Records per second of one worker against two, on the same records and the same model, in one run of this
 * benchmark: a manager ({@code run classify-feedback partitions=N reprocess=true}) splits the records for workers
 * started beforehand, each a JVM with one CPU thread and one slot, and the rate is the records read over the time of
 * the run's process step, which the job repository records (the workers' start-up and model load are not in it).
 * The configurations take turns {@code ROUNDS} times, so the machine's drift affects both alike. The model is
 * generated, with random weights and enough layers that the model, not the pipeline, is the cost of a record, as it
 * is with TinyLlama. A benchmark, not a test; from the project directory:
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" dev.sift.faults.ScaleOutBenchmark \
 *   [RECORDS] [PARTITIONS] [ROUNDS]
 * </pre>
 */
public final class ScaleOutBenchmark {

	private static final String JOB = "classify-feedback";

	/** Four layers, a quarter of TinyLlama's width, its vocabulary: the model, not the pipeline, costs the time. */
	private static final Shape SHAPE = new Shape(4, 512, 8, 4, 1408, 2048, 32_000);

	private static final Pattern WORKER_UP = Pattern.compile("Worker (\\S+) \\(\\S+\\) is up");

	private static final Duration PATIENCE = Duration.ofMinutes(30);

	private ScaleOutBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int records = args.length > 0 ? Integer.parseInt(args[0]) : 64;
		int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 4;
		int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
		Path work = Files.createTempDirectory("sift-scale-out-");
		Path model = TinyLlamaModel.write(work.resolve("bench-model.gguf"), SHAPE, GgmlType.Q8_0, 7);
		Path input = FeedbackFiles.write(work.resolve("bench.csv"), records);
		Path jobs = FeedbackFiles.specWritingTo(work.resolve("jobs"), JOB, null, null);
		JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.dataSource());
		Map<Integer, List<Double>> rates = new LinkedHashMap<>();
		for (int round = 1; round <= rounds; round++) {
			for (int workers = 1; workers <= 2; workers++) {
				double rate = measure(work.resolve("round-" + round + "-workers-" + workers), model, input, jobs,
						workers, partitions, jdbc);
				rates.computeIfAbsent(workers, count -> new ArrayList<>()).add(rate);
				System.out.printf(Locale.ROOT, "round %d, %d worker(s): %.3f records/s%n", round, workers, rate);
			}
		}
		double one = mean(rates.get(1));
		double two = mean(rates.get(2));
		System.out.printf(Locale.ROOT, "%n| workers | records/s (mean of %d) | runs |%n|---|---|---|%n", rounds);
		System.out.printf(Locale.ROOT, "| 1 | %.3f | %s |%n", one, rounded(rates.get(1)));
		System.out.printf(Locale.ROOT, "| 2 | %.3f | %s |%n", two, rounded(rates.get(2)));
		System.out.printf(Locale.ROOT, "%ntwo workers / one: %.2fx (%d records, %d partitions, logs in %s)%n",
				two / one, records, partitions, work);
		System.exit(0);
	}

	/** One run split for {@code workers} workers: records read per second of its process step. */
	private static double measure(Path logs, Path model, Path input, Path jobs, int workers, int partitions,
			JdbcTemplate jdbc) throws Exception {
		List<SiftProcess> started = new ArrayList<>();
		try {
			for (int index = 1; index <= workers; index++) {
				SiftProcess worker = SiftCommand.worker().tinyModel(model).database(TestDatabase.connection())
					.jobs(jobs)
					.start(logs.resolve("worker-" + index + ".log"));
				started.add(worker);
			}
			for (SiftProcess worker : started) {
				worker.awaitLine(WORKER_UP, PATIENCE);
			}
			try (SiftProcess manager = SiftCommand.runPartitioned(JOB, input, partitions, "reprocess=true")
				.tinyModel(model)
				.database(TestDatabase.connection())
				.jobs(jobs)
				.start(logs.resolve("manager.log"))) {
				if (manager.awaitExit(PATIENCE) != 0) {
					throw new IllegalStateException("the run failed, see " + manager.log());
				}
			}
		}
		finally {
			for (SiftProcess worker : started) {
				worker.terminate();
			}
			for (SiftProcess worker : started) {
				worker.awaitExit(Duration.ofMinutes(1));
			}
		}
		Map<String, Object> step = jdbc.queryForMap("""
				SELECT s.read_count, extract(epoch FROM s.end_time - s.start_time) AS seconds
				FROM batch_step_execution s
				WHERE s.step_name = 'process' AND s.job_execution_id = (SELECT max(job_execution_id) FROM batch_job_execution)
				""");
		return ((Number) step.get("read_count")).doubleValue() / ((Number) step.get("seconds")).doubleValue();
	}

	private static String rounded(List<Double> values) {
		return String.join(", ", values.stream().map(value -> String.format(Locale.ROOT, "%.3f", value)).toList());
	}

	private static double mean(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
	}

}
