package dev.sift.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.List;

/**
 * The figures of one benchmark phase.
 *
 * @param name what ran, e.g. {@code pipeline} or {@code bare-constrained}
 * @param records records completed
 * @param elapsed wall-clock time of the phase
 * @param promptTokensPerRecord prompt tokens of a record's rendered prompt (what a request sends)
 * @param log what llama.cpp reported for the phase's requests
 * @param latencyP50Millis median time of one record
 * @param latencyP95Millis 95th percentile time of one record
 * @param peakHeapBytes peak heap use during the phase
 */
record Measurement(String name, long records, Duration elapsed, double promptTokensPerRecord, NativeLogStats log,
		long latencyP50Millis, long latencyP95Millis, long peakHeapBytes) {

	/** One timed run of a phase on some of the records. */
	record Run(long records, Duration elapsed, NativeLogStats log, List<Long> latenciesMillis, long peakHeapBytes) {
	}

	/** A phase measured over several runs, interleaved with other phases so that drift in the machine hits all. */
	static Measurement of(String name, List<Run> runs, double promptTokensPerRecord) {
		List<Long> latencies = runs.stream().flatMap(run -> run.latenciesMillis().stream()).toList();
		return new Measurement(name, runs.stream().mapToLong(Run::records).sum(),
				runs.stream().map(Run::elapsed).reduce(Duration.ZERO, Duration::plus), promptTokensPerRecord,
				runs.stream().map(Run::log).reduce(new NativeLogStats(0, 0, 0, 0, 0), NativeLogStats::plus),
				percentile(latencies, 50), percentile(latencies, 95),
				runs.stream().mapToLong(Run::peakHeapBytes).max().orElse(0));
	}

	double recordsPerSecond() {
		return this.records / seconds();
	}

	/** Prompt tokens llama.cpp evaluated, over all slots, per second of wall-clock time. */
	double promptTokensPerSecond() {
		return this.log.promptTokensEvaluated() / seconds();
	}

	/** Tokens generated, over all slots, per second of wall-clock time. */
	double generatedTokensPerSecond() {
		return this.log.generatedTokens() / seconds();
	}

	private double seconds() {
		return Math.max(this.elapsed.toNanos() / 1e9, 1e-9);
	}

	static long percentile(List<Long> values, double percentile) {
		if (values.isEmpty()) {
			return 0;
		}
		long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
		int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
	}

	/** Starts measuring the heap's peak anew. */
	static void resetPeakHeap() {
		heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
	}

	static long peakHeap() {
		return heapPools().stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
	}

	private static List<MemoryPoolMXBean> heapPools() {
		return ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(pool -> pool.getType() == MemoryType.HEAP)
			.toList();
	}

}
