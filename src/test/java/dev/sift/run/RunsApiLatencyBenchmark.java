package dev.sift.run;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.util.FileSystemUtils;

import dev.sift.SiftApplication;
import dev.sift.job.RunOptions;
import dev.sift.job.SpecJobs;
import dev.sift.testing.FeedbackFiles;
import dev.sift.testing.TestAccounts;
import dev.sift.testing.TestModels;

/**
 * How long {@code GET /api/runs} takes, over real HTTP: Sift on an empty embedded PostgreSQL of its own and the tiny
 * test model, with {@code RUNS} runs of classify-feedback made the way the command line makes them. It then asks for
 * the dashboard's page of 20 runs and for a page of 100, each {@code REQUESTS} times after a warm-up, and prints the
 * latencies and the SQL statements per request. A benchmark, not a test; from the project directory:
 *
 * <pre>
 * ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.sift.run.RunsApiLatencyBenchmark \
 *   -Dexec.args="[RUNS] [REQUESTS]"
 * </pre>
 *
 * It depends only on the HTTP API and the job runner, so it measures any implementation of the runs list.
 */
public final class RunsApiLatencyBenchmark {

	private static final String JOB = "classify-feedback";

	private static final int RECORDS_PER_RUN = 2;

	private static final int WARM_UP_REQUESTS = 100;

	private static final int LARGEST_PAGE = 100;

	/** The dashboard's page, and a long one. */
	private static final List<Integer> PAGE_SIZES = List.of(20, LARGEST_PAGE);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private RunsApiLatencyBenchmark() {
	}

	/** The JVM must be exited: llama.cpp keeps a non-daemon native thread alive (see {@link SiftApplication}). */
	public static void main(String[] args) {
		int exitCode = 0;
		try {
			run(args.length > 0 ? Integer.parseInt(args[0]) : 200, args.length > 1 ? Integer.parseInt(args[1]) : 300);
		}
		catch (Throwable failure) {
			failure.printStackTrace();
			exitCode = 1;
		}
		System.exit(exitCode);
	}

	private static void run(int runs, int requests) throws Exception {
		if (runs < LARGEST_PAGE) {
			throw new IllegalArgumentException("RUNS must be at least " + LARGEST_PAGE
					+ " so that every page is full, was " + runs);
		}
		Path work = Files.createTempDirectory("sift-runs-latency-");
		StatementCounter statements = new StatementCounter();
		SpringApplication application = new SpringApplication(SiftApplication.class);
		application.addInitializers(context -> context.getBeanFactory().addBeanPostProcessor(statements));
		ConfigurableApplicationContext context = application.run("--server.port=0",
				"--sift.command-line.enabled=false", "--sift.database.embedded.data-directory=" + work.resolve("pg"),
				"--sift.model.path=" + TestModels.tiny(), "--sift.model.parallel=2", "--sift.model.slot-context=2048",
				"--logging.level.dev.sift=WARN", "--logging.level.org.springframework.batch.core.job.AbstractJob=WARN");
		try {
			long started = System.nanoTime();
			createRuns(context, work, runs);
			System.out.printf(Locale.ROOT, "Created %d runs of %s (%d records each) in %.0f s%n", runs, JOB,
					RECORDS_PER_RUN, (System.nanoTime() - started) / 1e9);
			String baseUrl = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
			Client client = new Client(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), baseUrl,
					token(context, baseUrl), statements);
			List<PageTimings> pages = PAGE_SIZES.stream().map(size -> new PageTimings(size, requests)).toList();
			for (int i = 0; i < WARM_UP_REQUESTS; i++) {
				for (PageTimings page : pages) {
					client.list(page.size, runs);
				}
			}
			OperatingSystemMXBean system = ManagementFactory.getOperatingSystemMXBean();
			double loadBefore = system.getSystemLoadAverage();
			// Page sizes take turns, so that a slow spell of this shared machine hits both alike.
			for (int i = 0; i < requests; i++) {
				for (PageTimings page : pages) {
					page.add(i, client.list(page.size, runs));
				}
			}
			report(runs, requests, pages, loadBefore, system.getSystemLoadAverage());
		}
		finally {
			SpringApplication.exit(context);
			FileSystemUtils.deleteRecursively(work);
		}
	}

	/** Each run reads a file of its own, so its records get results of their own rather than being unchanged. */
	private static void createRuns(ConfigurableApplicationContext context, Path work, int runs) throws Exception {
		JobRunner runner = context.getBean(JobRunner.class);
		SpecJobs jobs = context.getBean(SpecJobs.class);
		Path inputs = Files.createDirectories(work.resolve("inputs"));
		for (int i = 1; i <= runs; i++) {
			Path input = FeedbackFiles.write(inputs.resolve("feedback-" + i + ".csv"), RECORDS_PER_RUN);
			JobExecution execution = runner.run(jobs.job(JOB), SpecJobs.runParameters(input.toString(),
					work.resolve("results-" + i + ".csv"), RunOptions.DEFAULTS), SpecJobs.INPUT);
			if (execution.getStatus() != BatchStatus.COMPLETED) {
				throw new IllegalStateException("Run " + i + " of " + JOB + " ended " + execution.getStatus() + ": "
						+ execution.getExitStatus().getExitDescription());
			}
		}
	}

	/** An API token of a new admin, so that requests cost a token lookup rather than a BCrypt check each. */
	private static String token(ConfigurableApplicationContext context, String baseUrl)
			throws IOException, InterruptedException {
		String admin = TestAccounts.create(context.getBean(JdbcTemplate.class), context.getBean(PasswordEncoder.class),
				"benchmark-", "ADMIN");
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/tokens"))
			.header("Authorization", TestAccounts.basic(admin))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"runs-latency-benchmark\"}"))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 201) {
			throw new IllegalStateException("POST /api/tokens answered " + response.statusCode() + ": "
					+ response.body());
		}
		return JSON.readTree(response.body()).get("token").asString();
	}

	/** The load averages tell how busy the machine was: only runs under similar load compare. */
	private static void report(int runs, int requests, List<PageTimings> pages, double loadBefore,
			double loadAfter) {
		Runtime runtime = Runtime.getRuntime();
		System.out.printf(Locale.ROOT, "%nRuns API latency, %s%n", LocalDate.now());
		System.out.printf(Locale.ROOT, "Machine: %d cores, %s %s, %s %s; max heap %d MiB%n",
				runtime.availableProcessors(), System.getProperty("java.vm.name"),
				System.getProperty("java.runtime.version"), System.getProperty("os.name"),
				System.getProperty("os.arch"), runtime.maxMemory() / (1024 * 1024));
		System.out.printf(Locale.ROOT, "Load average (1 min): %.1f before the timed requests, %.1f after%n",
				loadBefore, loadAfter);
		System.out.printf(Locale.ROOT,
				"GET /api/runs?size=N over HTTP with an API token, %d runs in the database, %d warm-up and %d timed "
						+ "requests per size, sizes taking turns%n%n",
				runs, WARM_UP_REQUESTS, requests);
		System.out.println("| size | items | p50 ms | p95 ms | max ms | SQL statements per request (median) |");
		System.out.println("|---|---|---|---|---|---|");
		for (PageTimings page : pages) {
			System.out.printf(Locale.ROOT, "| %d | %d | %.1f | %.1f | %.1f | %d |%n", page.size, page.size,
					page.millis(0.50), page.millis(0.95), page.millis(1.0), page.medianStatements());
		}
	}

	/** Latency and SQL statements of one request. */
	private record Answer(long nanos, long statements) {
	}

	private record Client(HttpClient http, String baseUrl, String token, StatementCounter statements) {

		/** Asks for the newest {@code size} runs and checks the answer is that full page out of {@code runs}. */
		Answer list(int size, int runs) throws IOException, InterruptedException {
			HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + "/api/runs?size=" + size))
				.header("Authorization", "Bearer " + this.token)
				.GET()
				.build();
			long statementsBefore = this.statements.count();
			long started = System.nanoTime();
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			long nanos = System.nanoTime() - started;
			long statementsSent = this.statements.count() - statementsBefore;
			if (response.statusCode() != 200) {
				throw new IllegalStateException("GET /api/runs?size=" + size + " answered " + response.statusCode()
						+ ": " + response.body());
			}
			JsonNode page = JSON.readTree(response.body());
			if (page.get("items").size() != size || page.get("totalItems").asLong() != runs) {
				throw new IllegalStateException("GET /api/runs?size=" + size + " answered " + page.get("items").size()
						+ " items of " + page.get("totalItems") + ", expected " + size + " of " + runs);
			}
			return new Answer(nanos, statementsSent);
		}

	}

	private static final class PageTimings {

		private final int size;

		private final long[] nanos;

		private final long[] statements;

		PageTimings(int size, int requests) {
			this.size = size;
			this.nanos = new long[requests];
			this.statements = new long[requests];
		}

		void add(int request, Answer answer) {
			this.nanos[request] = answer.nanos();
			this.statements[request] = answer.statements();
		}

		/** The nearest-rank percentile: the smallest latency that {@code fraction} of the requests did not exceed. */
		double millis(double fraction) {
			long[] sorted = this.nanos.clone();
			Arrays.sort(sorted);
			return sorted[(int) Math.ceil(fraction * sorted.length) - 1] / 1e6;
		}

		long medianStatements() {
			long[] sorted = this.statements.clone();
			Arrays.sort(sorted);
			return sorted[sorted.length / 2];
		}

	}

}
