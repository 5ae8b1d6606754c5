package dev.sift.model;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** How many layers go to the GPU, from {@code sift.model.gpu-layers} and what llama.cpp reports. */
@ExtendWith(OutputCaptureExtension.class)
class GpuOffloadTest {

	private static final OffloadReport OFFLOADED = new OffloadReport(true, "", "4916 (c6af2161)",
			List.of("CUDA", "CPU"), true, 23, 23, List.of("NVIDIA H200"));

	private static final OffloadReport NO_GPU = new OffloadReport(true, "", "4916 (c6af2161)", List.of("CUDA", "CPU"),
			false, 0, 23, List.of());

	private final AtomicInteger probedWith = new AtomicInteger(-1);

	@Test
	void autoOnTheBundledCpuLibraryOffloadsNothingWithoutProbing(CapturedOutput output) {
		GpuOffload offload = GpuOffload.decide(GpuLayers.AUTO, true, this::probeFails);

		assertThat(offload.layers()).isZero();
		assertThat(offload.summary()).contains("auto").contains("CPU build");
		assertThat(this.probedWith).hasValue(-1);
		assertThat(output).doesNotContain("WARN");
	}

	@Test
	void layersAskedForOnTheBundledCpuLibraryAreAWarningNamingTheProperty(CapturedOutput output) {
		GpuOffload offload = GpuOffload.decide(GpuLayers.valueOf("99"), true, this::probeFails);

		assertThat(offload.layers()).isZero();
		assertThat(output).contains("WARN")
			.contains("sift.model.gpu-layers=99 asks for GPU layers, but the native library bundled in the "
					+ "java-llama.cpp jar is a CPU build: every layer runs on the CPU");
	}

	@Test
	void autoWithAGpuLibraryOffloadsAllLayersAndSaysHowManyLlamaCppReported() {
		GpuOffload offload = GpuOffload.decide(GpuLayers.AUTO, false, layers -> probe(layers, OFFLOADED));

		assertThat(this.probedWith).hasValue(GpuLayers.ALL);
		assertThat(offload.layers()).isEqualTo(GpuLayers.ALL);
		assertThat(offload.summary()).startsWith("23/23 layers on the GPU (NVIDIA H200)");
	}

	@Test
	void autoWithoutAUsableGpuRunsOnTheCpuSayingWhy(CapturedOutput output) {
		GpuOffload offload = GpuOffload.decide(GpuLayers.AUTO, false, layers -> probe(layers, NO_GPU));

		assertThat(offload.layers()).isZero();
		assertThat(offload.summary()).contains("no usable GPU found");
		assertThat(output).doesNotContain("WARN");
	}

	@Test
	void layersAskedForWithoutAUsableGpuAreAWarningNeverSilent(CapturedOutput output) {
		GpuOffload offload = GpuOffload.decide(GpuLayers.valueOf("10"), false, layers -> probe(layers, NO_GPU));

		assertThat(this.probedWith).hasValue(10);
		assertThat(offload.layers()).isZero();
		assertThat(output).contains("WARN")
			.contains("sift.model.gpu-layers=10 asks for GPU layers, but llama.cpp: no usable GPU found");
	}

	@Test
	void zeroLayersNeitherProbesNorPassesTheOption() {
		GpuOffload offload = GpuOffload.decide(GpuLayers.valueOf("0"), false, this::probeFails);

		assertThat(offload.layers()).isZero();
		assertThat(this.probedWith).hasValue(-1);
	}

	private OffloadReport probe(int layers, OffloadReport report) {
		this.probedWith.set(layers);
		return report;
	}

	private OffloadReport probeFails(int layers) {
		this.probedWith.set(layers);
		return OffloadReport.parse("", false, "not expected");
	}

}
