package dev.sift.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The options llama.cpp gets for an instance. */
class LlamaModelLoaderTest {

	private static final Path MODEL = Path.of("model.gguf");

	@Test
	void eachInstanceHoldsSlotsTimesTheContextOfASlot() {
		List<String> options = options(Map.of("sift.model.parallel", "32", "sift.model.slot-context", "2048"), 0);

		assertThat(options).containsSequence("--ctx-size", "65536").containsSequence("--parallel", "32");
	}

	/** llama.cpp prints "no usable GPU found" on standard error for any --gpu-layers, 0 too, without a GPU. */
	@Test
	void noLayersForTheGpuPassNoGpuLayersOptionAtAll() {
		assertThat(options(Map.of(), 0)).doesNotContain("--gpu-layers");
	}

	@Test
	void layersForTheGpuArePassedAsDecided() {
		assertThat(options(Map.of(), GpuLayers.ALL)).containsSequence("--gpu-layers", "999");
	}

	private static List<String> options(Map<String, String> settings, int gpuLayers) {
		LlamaCppProperties properties = new Binder(new MapConfigurationPropertySource(settings))
			.bindOrCreate("sift.model", LlamaCppProperties.class);
		return List.of(LlamaModelLoader.parameters(MODEL, properties, gpuLayers).toArray());
	}

}
