package dev.sift.definition;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import static org.assertj.core.api.Assertions.assertThat;

class InvalidJobSpecFailureAnalyzerTest {

	@Test
	void startUpFailureListsEveryProblemWithoutAStackTrace() {
		InvalidJobSpecException invalid = new InvalidJobSpecException(
				List.of(new SpecProblem(Path.of("jobs/a.yml"), 3, "unknown key 'nam'", "did you mean 'name'?")));

		FailureAnalysis analysis = new InvalidJobSpecFailureAnalyzer()
			.analyze(new BeanCreationException("jobSpecs", invalid));

		assertThat(analysis.getDescription())
			.isEqualTo("Invalid job spec:\n  jobs/a.yml:3: unknown key 'nam' (did you mean 'name'?)");
		assertThat(analysis.getAction()).contains("sift.jobs.dir");
	}

	@Test
	void springBootFindsTheAnalyzer() {
		// Other analyzers want constructor arguments a bare loader does not have; only ours matters here.
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, null, FailureHandler.handleMessage((message, failure) -> {
			})))
			.hasAtLeastOneElementOfType(InvalidJobSpecFailureAnalyzer.class);
	}

}
