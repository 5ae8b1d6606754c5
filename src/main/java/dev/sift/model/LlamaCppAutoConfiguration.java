package dev.sift.model;

import java.time.Duration;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Loads the GGUF model once at start-up (downloading it first if needed) and exposes it as a Spring AI
 * {@link org.springframework.ai.chat.model.ChatModel}.
 */
@AutoConfiguration
@EnableConfigurationProperties(LlamaCppProperties.class)
public class LlamaCppAutoConfiguration {

	private static final Duration DOWNLOAD_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

	/** The model file in use, resolved from {@code sift.model.path} or downloaded from {@code sift.model.url}. */
	@Bean
	@ConditionalOnMissingBean
	ModelFile modelFile(LlamaCppProperties properties) {
		ModelSource source;
		try {
			source = properties.source();
		}
		catch (IllegalArgumentException ex) {
			throw ModelUnavailableException.invalidSetting(ex);
		}
		return new ModelFile(new ModelLocator(new ModelDownloader(DOWNLOAD_TIMEOUT, PROGRESS_INTERVAL)).locate(source));
	}

	/** The model is never closed: closing frees nothing and a closed model hangs callers. */
	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean
	LlamaCppChatModel llamaCppChatModel(ModelFile modelFile, LlamaCppProperties properties,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ChatModelObservationConvention> observationConvention) {
		LlamaCppChatModel.Builder chatModel = LlamaCppModels.load(modelFile, properties)
			.observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
		observationConvention.ifAvailable(chatModel::observationConvention);
		return chatModel.build();
	}

	/**
	 * The {@code model} component of {@code /actuator/health}; off with {@code management.health.model.enabled=false}.
	 * A method here rather than a nested configuration class: component scanning would find a nested one even when
	 * this auto-configuration is excluded.
	 */
	@Bean
	@ConditionalOnEnabledHealthIndicator("model")
	@ConditionalOnMissingBean(name = "modelHealthIndicator")
	HealthIndicator modelHealthIndicator(LlamaCppChatModel model, ModelFile file, LlamaCppProperties properties) {
		return new ModelHealthIndicator(model, file, properties);
	}

}
