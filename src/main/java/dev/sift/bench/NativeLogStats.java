package dev.sift.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Token counts and timings as llama.cpp itself reports them per request in its log: java-llama.cpp returns neither,
 * and only llama.cpp knows how many prompt tokens it really evaluated after reusing a slot's cached prefix.
 *
 * @param requests requests that finished
 * @param promptTokensEvaluated prompt tokens llama.cpp evaluated (cached prefix excluded)
 * @param promptMillis time llama.cpp spent evaluating them, summed over requests
 * @param generatedTokens tokens generated
 * @param generationMillis time spent generating, summed over requests
 */
record NativeLogStats(long requests, long promptTokensEvaluated, double promptMillis, long generatedTokens,
		double generationMillis) {

	private static final Duration LOG_DELAY = Duration.ofSeconds(5);

	private static final Pattern PROMPT = Pattern
		.compile("^\\s*prompt eval time =\\s*([0-9.]+) ms /\\s*(\\d+) tokens");

	private static final Pattern GENERATION = Pattern.compile("^\\s*eval time =\\s*([0-9.]+) ms /\\s*(\\d+) tokens");

	/** Where the log ends now, to read only what a benchmark phase adds. */
	static long mark(Path log) {
		try {
			return Files.exists(log) ? Files.size(log) : 0;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The statistics of at least {@code expectedRequests} requests logged after {@code from}. llama.cpp writes its log
	 * from a thread of its own, so the last request's lines can arrive a moment after the request returned.
	 */
	static NativeLogStats awaitSince(Path log, long from, long expectedRequests) {
		long deadline = System.nanoTime() + LOG_DELAY.toNanos();
		NativeLogStats stats = since(log, from);
		while (stats.requests() < expectedRequests && System.nanoTime() < deadline) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return stats;
			}
			stats = since(log, from);
		}
		return stats;
	}

	/** The statistics of the requests logged after {@code from}. */
	static NativeLogStats since(Path log, long from) {
		long requests = 0;
		long promptTokens = 0;
		double promptMillis = 0;
		long generated = 0;
		double generationMillis = 0;
		try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
			file.seek(from);
			byte[] bytes = new byte[(int) (file.length() - from)];
			file.readFully(bytes);
			for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
				Matcher prompt = PROMPT.matcher(line);
				Matcher generation = GENERATION.matcher(line);
				if (prompt.find()) {
					requests++;
					promptMillis += Double.parseDouble(prompt.group(1));
					promptTokens += Long.parseLong(prompt.group(2));
				}
				else if (generation.find()) {
					generationMillis += Double.parseDouble(generation.group(1));
					generated += Long.parseLong(generation.group(2));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the llama.cpp log " + log, ex);
		}
		return new NativeLogStats(requests, promptTokens, promptMillis, generated, generationMillis);
	}

	NativeLogStats plus(NativeLogStats other) {
		return new NativeLogStats(this.requests + other.requests,
				this.promptTokensEvaluated + other.promptTokensEvaluated, this.promptMillis + other.promptMillis,
				this.generatedTokens + other.generatedTokens, this.generationMillis + other.generationMillis);
	}

	double promptTokensEvaluatedPerRequest() {
		return this.requests == 0 ? 0 : (double) this.promptTokensEvaluated / this.requests;
	}

	double generatedTokensPerRequest() {
		return this.requests == 0 ? 0 : (double) this.generatedTokens / this.requests;
	}

}
