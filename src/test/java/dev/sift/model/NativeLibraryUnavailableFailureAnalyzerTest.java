package dev.sift.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

class NativeLibraryUnavailableFailureAnalyzerTest {

	private final NativeLibraryUnavailableFailureAnalyzer analyzer = new NativeLibraryUnavailableFailureAnalyzer();

	@Test
	void aDirectoryWithoutTheLibraryIsReportedWithThePropertyAndTheWayBackToTheCpuLibrary() {
		FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("llamaCppChatModel",
				"Failed to instantiate", NativeLibraryUnavailableException.missing(Path.of("/opt/jllama-cuda"),
						"libjllama.so")));

		assertThat(analysis.getDescription())
			.isEqualTo("sift.model.native-library-dir is /opt/jllama-cuda, which holds no libjllama.so.");
		assertThat(analysis.getAction()).isEqualTo("Point sift.model.native-library-dir at the directory your build of "
				+ "java-llama.cpp wrote libjllama.so to, or remove it to use the CPU library in the jar.");
	}

	@Test
	void aLibraryThatCannotBeLoadedIsReportedWithTheLoadersReason() {
		UnsatisfiedLinkError error = new UnsatisfiedLinkError(
				"/opt/jllama-cuda/libjllama.so: libcudart.so.12: cannot open shared object file: No such file or directory");

		FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("llamaCppChatModel",
				"Failed to instantiate",
				NativeLibraryUnavailableException.unloadable(Path.of("/opt/jllama-cuda/libjllama.so"), error)));

		assertThat(analysis.getDescription()).isEqualTo("The native library /opt/jllama-cuda/libjllama.so of "
				+ "sift.model.native-library-dir cannot be loaded: /opt/jllama-cuda/libjllama.so: libcudart.so.12: "
				+ "cannot open shared object file: No such file or directory");
		assertThat(analysis.getAction()).contains("such as a CUDA runtime, must be installed")
			.endsWith("or remove sift.model.native-library-dir to use the CPU library in the jar.");
	}

	@Test
	void theJarsOwnLibraryThatCannotBeLoadedPointsAtABuildOfOnesOwn() {
		FailureAnalysis analysis = this.analyzer.analyze(new IllegalStateException("Failed to execute",
				NativeLibraryUnavailableException
					.bundledUnloadable(new UnsatisfiedLinkError("libjllama.so: GLIBC_2.32 not found"))));

		assertThat(analysis.getDescription())
			.isEqualTo("The llama.cpp library in the jar cannot be loaded on this machine: libjllama.so: GLIBC_2.32 not found");
		assertThat(analysis.getAction()).contains("point sift.model.native-library-dir at its directory");
	}

}
