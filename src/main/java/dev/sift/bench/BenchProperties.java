package dev.sift.bench;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the {@code bench} command, bound from {@code sift.bench.*}.
 *
 * @param job the job measured: a job reading CSV files, given generated feedback texts
 * @param records generated feedback records per phase
 * @param seed seed of the generated texts
 * @param output where the JSON report is written
 * @param naive also measure the naive configuration (1 slot, no prompt caching, 1 instance); loads the model once
 * more
 * @param unconstrained also measure the bare baseline without a grammar
 * @param rounds the pipeline and the bare baseline take turns this many times, each on its share of the records, so
 * that the machine's drift affects both alike
 */
@ConfigurationProperties("sift.bench")
public record BenchProperties(@DefaultValue("classify-feedback") String job, @DefaultValue("32") int records, @DefaultValue("7") long seed,
		@DefaultValue("data/bench/bench.json") Path output, @DefaultValue("true") boolean naive,
		@DefaultValue("true") boolean unconstrained, @DefaultValue("2") int rounds) {

	public BenchProperties {
		if (records < 1) {
			throw new IllegalArgumentException("sift.bench.records must be at least 1, was " + records);
		}
		if (rounds < 1 || rounds > records) {
			throw new IllegalArgumentException(
					"sift.bench.rounds must be between 1 and sift.bench.records (" + records + "), was " + rounds);
		}
	}

}
