package dev.sift.bench;

import java.nio.file.Path;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

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
@Validated
@ConfigurationProperties("sift.bench")
public record BenchProperties(@DefaultValue("classify-feedback") @NotBlank String job,
		@DefaultValue("32") @Min(1) int records, @DefaultValue("7") long seed,
		@DefaultValue("data/bench/bench.json") Path output, @DefaultValue("true") boolean naive,
		@DefaultValue("true") boolean unconstrained, @DefaultValue("2") @Min(1) int rounds) {

	/** Each round measures its share of the records (Bean Validation reads this as a property). */
	@AssertTrue(message = "sift.bench.rounds must not exceed sift.bench.records: each round needs a record")
	public boolean isEveryRoundGivenRecords() {
		return records < 1 || rounds <= records;
	}

}
