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

	@Test
	void aSettingThatNamesNoModelIsReportedWithWhereToCorrectIt() {
		IllegalArgumentException malformed = new IllegalArgumentException("sift.model.sha256 must be a SHA-256 checksum "
				+ "of 64 hexadecimal characters, but was 'xyz' (3 characters). Leave it empty to skip verification.");

		FailureAnalysis analysis = new ModelUnavailableFailureAnalyzer().analyze(new BeanCreationException("modelFile",
				"Failed to instantiate", ModelUnavailableException.invalidSetting(malformed)));

		assertThat(analysis.getDescription()).isEqualTo(malformed.getMessage());
		assertThat(analysis.getAction()).isEqualTo("Correct it where it is set (command line, environment or "
				+ "application.yml), or remove it for the default.");
	}

}
