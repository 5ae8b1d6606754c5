package dev.sift.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

class ModelUnavailableFailureAnalyzerTest {

	@Test
	void aModelThatCannotBeDownloadedIsReportedWithTheProblemAndTheFixApart() {
		ModelUnavailableException unavailable = ModelUnavailableException.downloadFailed(
				URI.create("https://huggingface.co/model.gguf"), "unknown host huggingface.co",
				new UnknownHostException("huggingface.co"));

		FailureAnalysis analysis = new ModelUnavailableFailureAnalyzer()
			.analyze(new BeanCreationException("modelFile", "Failed to instantiate", unavailable));

		assertThat(analysis.getDescription())
			.isEqualTo("Could not download the model from https://huggingface.co/model.gguf: unknown host huggingface.co.");
		assertThat(analysis.getAction()).startsWith("Set sift.model.path to a local GGUF file, or sift.model.url");
	}

}
