package dev.sift.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.sift.testing.StartupFailures;
import dev.sift.testing.TestModels;

/**
 * Start-up of the model from {@code sift.model.*}. Only the first test loads a model (a context that fails starts
 * none), since every load stays in the JVM for good.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LlamaCppAutoConfigurationTest {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlamaCppAutoConfiguration.class))
		.withPropertyValues("sift.model.path=" + TestModels.tiny());

	@Test
	void loadsTheConfiguredModelWithItsSlotsAndDefaultOptions() {
		this.contextRunner
			.withPropertyValues("sift.model.parallel=4", "sift.model.slot-context=256",
					"sift.model.options.max-tokens=7", "sift.model.options.temperature=0.3",
					"sift.model.options.top-k=10", "sift.model.options.top-p=0.9", "sift.model.options.seed=5")
			.run(context -> {
				assertThat(context).hasNotFailed().hasSingleBean(LlamaCppChatModel.class);
				assertThat(context.getBean(ModelFile.class).path()).isEqualTo(TestModels.tiny());
				assertThat(context.getBean(ModelFile.class).name()).isEqualTo("tiny-llama-f16");
				LlamaCppChatModel chatModel = context.getBean(LlamaCppChatModel.class);
				assertThat(chatModel.getModelName()).isEqualTo("tiny-llama-f16");
				assertThat(chatModel.concurrentRequests()).isEqualTo(4);
				LlamaCppChatOptions defaults = chatModel.getOptions();
				assertThat(defaults.getMaxTokens()).isEqualTo(7);
				assertThat(defaults.getTemperature()).isEqualTo(0.3);
				assertThat(defaults.getTopK()).isEqualTo(10);
				assertThat(defaults.getTopP()).isEqualTo(0.9);
				assertThat(defaults.getSeed()).isEqualTo(5);

				ChatResponse response = chatModel.call(new Prompt("The price was fair."));
				assertThat(response.getMetadata().getUsage().getCompletionTokens()).isBetween(1, 7);
				// Each of the 4 slots holds 256 context tokens.
				assertThatThrownBy(() -> chatModel.call(new Prompt("price ".repeat(300))))
					.isInstanceOf(InvalidModelRequestException.class)
					.hasMessageContaining("context of 256 tokens");
			});
	}

	@Test
	void missingModelFileFailsStartUpNamingThePathAndTheProperty(@TempDir Path directory) {
		Path missing = directory.resolve("missing.gguf");

		this.contextRunner.withPropertyValues("sift.model.path=" + missing).run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(ModelUnavailableException.class)
				.hasMessageContaining(missing.toString())
				.hasMessageContaining("sift.model.path");
		});
	}

	@Test
	void nativeLibraryDirectoryWithoutTheLibraryFailsStartUpNamingTheProperty(@TempDir Path emptyDirectory) {
		this.contextRunner.withPropertyValues("sift.model.native-library-dir=" + emptyDirectory).run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("sift.model.native-library-dir")
				.hasMessageContaining(emptyDirectory.toString());
		});
	}

	/** Every bound is checked in {@link LlamaCppPropertiesTest}; here, that the auto-configuration applies them. */
	@Test
	void propertyOutOfBoundsFailsStartUpBeforeAnyModelLoads() {
		this.contextRunner.withPropertyValues("sift.model.parallel=0").run(context -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailures.describe(context.getStartupFailure())).contains("Property: sift.model.parallel",
					"Reason: must be greater than or equal to 1");
		});
	}

}
