package dev.sift.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.diagnostics.FailureAnalysis;

class UsageFailureAnalyzerTest {

	private final UsageFailureAnalyzer analyzer = new UsageFailureAnalyzer();

	@Test
	void anUnknownCommandIsReportedWithEveryCommandsUsage() {
		CommandLine commandLine = new CommandLine(List.of(new FixedCommand("run", "JOB: run a job", null),
				new FixedCommand("validate", "[JOB...]: check job specs", null)));

		assertThatThrownBy(() -> commandLine.run(new DefaultApplicationArguments("frobnicate")))
			.satisfies(failure -> {
				FailureAnalysis analysis = this.analyzer.analyze(new IllegalStateException("Failed to execute", failure));
				assertThat(analysis.getDescription()).isEqualTo("Unknown command 'frobnicate'");
				assertThat(analysis.getAction()).isEqualTo("Correct the command line. Usage:\n"
						+ "  run JOB: run a job\n  validate [JOB...]: check job specs");
			});
	}

	@Test
	void aCommandsOwnUsageErrorIsReportedWithThatCommandsUsage() {
		CommandLine commandLine = new CommandLine(
				List.of(new FixedCommand("run", "JOB: run a job", new UsageException("Unknown job 'alexa'"))));

		assertThatThrownBy(() -> commandLine.run(new DefaultApplicationArguments("run", "alexa")))
			.satisfies(failure -> {
				FailureAnalysis analysis = this.analyzer.analyze(new IllegalStateException("Failed to execute", failure));
				assertThat(analysis.getDescription()).isEqualTo("Unknown job 'alexa'");
				assertThat(analysis.getAction()).isEqualTo("Correct the command line. Usage:\n  run JOB: run a job");
			});
	}

	@Test
	void otherFailuresOfACommandAreLeftToOtherAnalyzers() {
		assertThat(this.analyzer.analyze(new IllegalStateException("Failed to execute",
				new IllegalArgumentException("a bug, not a usage error")))).isNull();
	}

	private record FixedCommand(String name, String usage, UsageException failure) implements Command {

		@Override
		public int run(List<String> arguments) {
			if (this.failure != null) {
				throw this.failure;
			}
			return 0;
		}

	}

}
