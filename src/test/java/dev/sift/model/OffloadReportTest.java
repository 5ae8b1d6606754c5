package dev.sift.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What llama.cpp's load log says about the library and the GPU. */
class OffloadReportTest {

	/** The lines of a CUDA build's load log that matter, in llama.cpp b4916's wording. */
	private static final String CUDA_LOG = """
			ggml_cuda_init: found 1 CUDA devices:
			  Device 0: NVIDIA H200, compute capability 9.0, VMM: yes
			build: 4916 (c6af2161) with cc (GCC) 12.2.0 for x86_64-linux-gnu
			system_info: n_threads = 16 (n_threads_batch = 16) / 32 | CUDA : ARCHS = 900 | USE_GRAPHS = 1 | PEER_MAX_BATCH_SIZE = 128 | CPU : SSE3 = 1 | AVX2 = 1 |\s
			load_tensors: layer   0 assigned to device CUDA0, is_swa = 0
			load_tensors: offloading 22 repeating layers to GPU
			load_tensors: offloading output layer to GPU
			load_tensors: offloaded 23/23 layers to GPU
			""";

	/** As the CPU build bundled in java-llama.cpp 4.2.0 logs it, asked for 99 layers. */
	private static final String CPU_LOG = """
			warning: no usable GPU found, --gpu-layers option will be ignored
			warning: one possible reason is that llama.cpp was compiled without GPU support
			build: 4916 (c6af2161) with gcc (GCC) 10.2.1 20210130 (Red Hat 10.2.1-11) for x86_64-redhat-linux
			system_info: n_threads = 2 (n_threads_batch = 2) / 2 | CPU : SSE3 = 1 | SSSE3 = 1 | AVX = 1 | AVX2 = 1 | F16C = 1 | FMA = 1 | BMI2 = 1 | LLAMAFILE = 1 | OPENMP = 1 | AARCH64_REPACK = 1 |\s
			load_tensors: layer   0 assigned to device CPU, is_swa = 0
			load_tensors: layer   1 assigned to device CPU, is_swa = 0
			load_tensors: layer   2 assigned to device CPU, is_swa = 0
			""";

	@Test
	void aCudaBuildReportsTheLayersItOffloadedAndTheDevice() {
		OffloadReport report = OffloadReport.parse(CUDA_LOG, true, "");

		assertThat(report.build()).isEqualTo("4916 (c6af2161)");
		assertThat(report.backends()).containsExactly("CUDA", "CPU");
		assertThat(report.hasGpuBackend()).isTrue();
		assertThat(report.gpuUsable()).isTrue();
		assertThat(report.offloadedLayers()).isEqualTo(23);
		assertThat(report.layers()).isEqualTo(23);
		assertThat(report.offloadSummary())
			.isEqualTo("23/23 layers on the GPU (NVIDIA H200, compute capability 9.0, VMM: yes)");
	}

	@Test
	void aCpuBuildOffloadsNoneOfTheLayersItAssignedToTheCpu() {
		OffloadReport report = OffloadReport.parse(CPU_LOG, true, "");

		assertThat(report.backends()).containsExactly("CPU");
		assertThat(report.hasGpuBackend()).isFalse();
		assertThat(report.gpuUsable()).isFalse();
		assertThat(report.offloads()).isFalse();
		assertThat(report.offloadSummary()).isEqualTo("0/3 layers on the GPU");
	}

}
