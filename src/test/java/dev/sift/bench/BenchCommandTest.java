package dev.sift.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import dev.sift.SiftApplication;
import dev.sift.testing.TestDatabase;
import dev.sift.testing.TestModels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bench command's mechanics on the tiny model: every phase runs and reports its figures. The figures themselves
 * are measured with the command, not asserted here.
 */
class BenchCommandTest {

	private static final int RECORDS = 4;

	@TempDir
	Path directory;

	@Test
	void measuresEveryPhaseAndWritesTheReport() throws Exception {
		Path report = this.directory.resolve("bench.json");

		ConfigurableApplicationContext context = SpringApplication.run(SiftApplication.class,
				arguments("--sift.model.native-log-file=" + this.directory.resolve("llama.log"),
						"--sift.bench.output=" + report));
		assertThat(SpringApplication.exit(context)).isZero();

		JsonNode json = JsonMapper.shared().readTree(Files.readString(report));
		assertThat(json.path("phases").valueStream().map(phase -> phase.path("name").asString()))
			.containsExactly("pipeline", "bare-constrained", "bare-unconstrained", "naive");
		for (JsonNode phase : json.path("phases")) {
			assertThat(phase.path("records").asInt()).as(phase.toString()).isEqualTo(RECORDS);
			assertThat(phase.path("requests").asInt()).as(phase.toString()).isGreaterThanOrEqualTo(RECORDS);
			assertThat(phase.path("promptTokensEvaluatedPerRequest").asDouble()).isPositive();
			assertThat(phase.path("generatedTokensPerRequest").asDouble()).isPositive();
			assertThat(phase.path("recordsPerSecond").asDouble()).isPositive();
		}
		assertThat(json.at("/prompts/sharedPrefixTokens").asInt()).isPositive()
			.isLessThan(json.at("/prompts/tokensPerRecord").asInt());
		assertThat(json.path("pipelineToBareConstrained").asDouble()).isPositive();
		assertThat(json.path("pipelineToNaive").asDouble()).isPositive();
	}

	@Test
	void roundsShareTheRecordsEvenlyAndInOrder() {
		assertThat(BenchCommand.rounds(5, 2)).containsExactly(List.of(0, 1), List.of(2, 3, 4));
		assertThat(BenchCommand.rounds(4, 1)).containsExactly(List.of(0, 1, 2, 3));
	}

	@Test
	void refusesToRunWithoutTheLlamaCppLog() {
		assertThatThrownBy(() -> SpringApplication.run(SiftApplication.class, arguments()))
			.hasMessageContaining("--sift.model.native-log-file");
	}

	private String[] arguments(String... more) {
		TestDatabase.Connection database = TestDatabase.connection();
		List<String> arguments = new ArrayList<>(List.of("bench",
				"--spring.datasource.url=" + database.url(), "--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password(), "--sift.model.path=" + TestModels.tiny(),
				"--sift.bench.records=" + RECORDS, "--sift.run.max-attempts=1"));
		arguments.addAll(List.of(more));
		return arguments.toArray(String[]::new);
	}

}
