package dev.sift.model;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.sift.testing.TestModels;

import static org.assertj.core.api.Assertions.assertThat;

/** The probe loads the model in a child JVM with the real native library and reads llama.cpp's own report. */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OffloadProbeTest {

	@Test
	void theBundledLibraryLoadsTheModelOnTheCpuAndSaysItFoundNoGpu() {
		OffloadReport report = OffloadProbe.probe(TestModels.tiny(), properties(Map.of()), GpuLayers.ALL);

		assertThat(report.loaded()).as(report.failure()).isTrue();
		assertThat(report.build()).startsWith("4916 ");
		assertThat(report.backends()).contains("CPU");
		assertThat(report.hasGpuBackend()).isFalse();
		assertThat(report.gpuUsable()).isFalse();
		// The generated model has 2 blocks; llama.cpp counts the output layer too.
		assertThat(report.offloadSummary()).isEqualTo("0/3 layers on the GPU");
	}

	@Test
	void aLibraryDirectoryWithoutTheLibraryIsAFailureSayingSo(@TempDir Path empty) {
		OffloadReport report = OffloadProbe.probe(TestModels.tiny(),
				properties(Map.of("sift.model.native-library-dir", empty.toString())), GpuLayers.ALL);

		assertThat(report.loaded()).isFalse();
		assertThat(report.failure()).contains("holds no libjllama.so");
	}

	private static LlamaCppProperties properties(Map<String, String> settings) {
		return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("sift.model",
				LlamaCppProperties.class);
	}

}
