package dev.sift.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Level;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;

import dev.sift.result.ClassificationResult;
import dev.sift.result.ResultStatus;
import dev.sift.result.ResultStore;

/**
 * What durability costs per record: upserts {@code records} results through {@link ResultStore#upsert}, one
 * transaction per chunk of 16 as a run commits them, on the embedded server as Sift starts it, durable (fsync,
 * synchronous_commit and full_page_writes on) and with zonky's test settings, in alternating rounds. Not a test: run
 * it by hand (see docs/benchmarks.md, "Durability cost").
 *
 * <p>
 * Arguments: {@code [records] [rounds]}, default 4000 and 2.
 */
public final class DurabilityBenchmark {

	private static final int CHUNK_SIZE = 16;

	private static final int WARM_UP_CHUNKS = 20;

	private DurabilityBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
		int records = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
		int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
		Path directory = Files.createTempDirectory("sift-durability");
		System.out.printf("%d records in chunks of %d, %d rounds, data in %s%n%n", records, CHUNK_SIZE, rounds,
				directory);
		System.out.println("| settings | round | fsync / synchronous_commit / full_page_writes | ms per record"
				+ " | ms per chunk commit (median) | ms per chunk commit (p95) |");
		System.out.println("|---|---|---|---|---|---|");
		for (int round = 1; round <= rounds; round++) {
			for (boolean durable : new boolean[] { true, false }) {
				Path data = directory.resolve((durable ? "durable-" : "zonky-") + round);
				System.out.println(measure(data, durable, records, round));
			}
		}
		FileSystemUtils.deleteRecursively(directory);
	}

	private static String measure(Path data, boolean durable, int records, int round) throws Exception {
		EmbeddedServer server = EmbeddedServer
			.open(new EmbeddedDatabaseProperties(data, 0, Duration.ofSeconds(60), durable));
		try (HikariDataSource dataSource = new HikariDataSource()) {
			dataSource.setJdbcUrl(server.jdbcUrl());
			dataSource.setUsername(server.username());
			Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			String settings = String.join(" / ", jdbc.queryForObject("SHOW fsync", String.class),
					jdbc.queryForObject("SHOW synchronous_commit", String.class),
					jdbc.queryForObject("SHOW full_page_writes", String.class));
			DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(dataSource);
			ResultStore repository = new ResultStore(jdbc, transactionManager);
			TransactionTemplate transactions = new TransactionTemplate(transactionManager);
			for (int chunk = 0; chunk < WARM_UP_CHUNKS; chunk++) {
				List<ClassificationResult> results = chunk("warm-up", chunk);
				transactions.executeWithoutResult(status -> repository.upsert(results));
			}
			int chunks = (records + CHUNK_SIZE - 1) / CHUNK_SIZE;
			long[] nanos = new long[chunks];
			for (int chunk = 0; chunk < chunks; chunk++) {
				List<ClassificationResult> results = chunk("benchmark", chunk);
				long start = System.nanoTime();
				transactions.executeWithoutResult(status -> repository.upsert(results));
				nanos[chunk] = System.nanoTime() - start;
			}
			long total = Arrays.stream(nanos).sum();
			long[] sorted = nanos.clone();
			Arrays.sort(sorted);
			return String.format("| %s | %d | %s | %.3f | %.2f | %.2f |", durable ? "durable (Sift)" : "zonky defaults",
					round, settings, total / 1e6 / (chunks * CHUNK_SIZE), sorted[chunks / 2] / 1e6,
					sorted[(int) Math.min(chunks - 1, Math.round(chunks * 0.95))] / 1e6);
		}
		finally {
			server.close();
		}
	}

	/** Results shaped like classify-feedback's: a short text, five labels, the raw reply. */
	private static List<ClassificationResult> chunk(String source, int chunk) {
		List<ClassificationResult> results = new ArrayList<>(CHUNK_SIZE);
		IntStream.range(0, CHUNK_SIZE).forEach(i -> {
			int record = chunk * CHUNK_SIZE + i;
			results.add(new ClassificationResult("classify-feedback", 1L, source, "R-" + record, record + 2,
					"The box arrived two days late and the salad leaves were wilted; support refunded one meal " + record,
					Map.of("channel", "email", "product", "Classic Box"),
					Map.of("sentiment", "negative", "topics", List.of("delivery", "quality"), "urgency", "medium",
							"summary", "Late delivery with wilted salad; one meal refunded.", "language", "en"),
					"{\"sentiment\": \"negative\", \"topics\": [\"delivery\", \"quality\"], \"urgency\": \"medium\","
							+ " \"summary\": \"Late delivery with wilted salad; one meal refunded.\","
							+ " \"language\": \"en\"}",
					ResultStatus.OK, null, 1, "tinyllama-1.1b-chat-v1.0.Q8_0.gguf", "v1",
					new ClassificationResult.Usage(540, 100, 1200)));
		});
		return results;
	}

}
