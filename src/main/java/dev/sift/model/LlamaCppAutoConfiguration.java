package dev.sift.model;

import java.nio.file.Path;
import java.time.Duration;

import de.kherud.llama.LlamaModel;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
		Path file = new ModelLocator(new ModelDownloader(DOWNLOAD_TIMEOUT, PROGRESS_INTERVAL))
			.locate(properties.source());
		return new ModelFile(file);
	}

	/** Never closed by the context: closing frees nothing and a closed model hangs callers. */
	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean
	LlamaModel llamaModel(ModelFile modelFile, LlamaCppProperties properties) {
		return LlamaModelLoader.load(modelFile.path(), properties);
	}

	@Bean
	@ConditionalOnMissingBean
	LlamaCppChatModel llamaCppChatModel(LlamaModel llamaModel, ModelFile modelFile, LlamaCppProperties properties,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ChatModelObservationConvention> observationConvention) {
		LlamaCppProperties.Options options = properties.options();
		LlamaCppChatOptions defaults = LlamaCppChatOptions.builder()
			.temperature(options.temperature())
			.topK(options.topK())
			.topP(options.topP())
			.maxTokens(options.maxTokens())
			.seed(options.seed())
			.build();
		LlamaCppChatModel chatModel = new LlamaCppChatModel(llamaModel, modelFile.name(),
				properties.slotContextSize(), defaults, observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
		observationConvention.ifAvailable(chatModel::setObservationConvention);
		return chatModel;
	}

}
