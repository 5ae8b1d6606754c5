package dev.sift.model;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/** The documented GPU profile binds to the settings the README describes. */
class GpuProfileTest {

	@Test
	void theGpuProfileOffloadsEverythingWith32SlotsOf2048TokensAndOneSamplingThreadPerInstance() throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		new YamlPropertySourceLoader().load("gpu", new ClassPathResource("application-gpu.yml"))
			.forEach(source -> environment.getPropertySources().addFirst(source));

		LlamaCppProperties properties = new Binder(ConfigurationPropertySources.get(environment))
			.bindOrCreate("sift.model", LlamaCppProperties.class);

		assertThat(properties.gpuLayers()).isEqualTo(GpuLayers.AUTO);
		assertThat(properties.flashAttention()).isTrue();
		assertThat(properties.parallel()).isEqualTo(32);
		assertThat(properties.slotContext()).isEqualTo(2048);
		assertThat(properties.threads()).isEqualTo(1);
		assertThat(properties.instances()).isZero();
		assertThat(properties.effectiveInstances())
			.isEqualTo(Math.min(64, Runtime.getRuntime().availableProcessors()));
	}

}
