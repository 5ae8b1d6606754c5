package dev.sift.definition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class JobSpecConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(JobSpecConfiguration.class);

	@TempDir
	Path dir;

	@Test
	void theShippedSpecsInJobsAreLoadedByDefault() {
		this.runner.run(context -> assertThat(context.getBean(JobSpecs.class).find("classify-feedback")).isPresent());
	}

	@Test
	void anInvalidSpecStopsStartUpWithEveryProblemAndItsLine() throws IOException {
		Path spec = Files.writeString(this.dir.resolve("bad.yml"), "name: bad\nsource:\n  type: csv\n"
				+ "  path: in.csv\n  text-colums: [text]\ntask-from: nothing\n");

		this.runner.withPropertyValues("sift.jobs.dir=" + this.dir).run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidJobSpecException.class)
				.hasMessageContaining(spec + ":2: missing key 'text-columns' in 'source'")
				.hasMessageContaining(spec + ":5: unknown key 'text-colums' in 'source' (did you mean 'text-columns'?)")
				.hasMessageContaining(spec + ":6: task-from names no job 'nothing' (jobs: bad)");
		});
	}

	@Test
	void aMissingDirectoryStopsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("sift.jobs.dir=" + this.dir.resolve("none")).run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("set sift.jobs.dir");
		});
	}

}
