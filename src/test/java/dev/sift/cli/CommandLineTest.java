package dev.sift.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.context.support.StaticApplicationContext;

class CommandLineTest {

	@Test
	void noCommandServes() {
		assertThat(CommandLine.serves()).isTrue();
		assertThat(CommandLine.serves("--server.port=9090", "--sift.model.path=model.gguf")).isTrue();
	}

	@Test
	void serveServes() {
		assertThat(CommandLine.serves("serve", "--server.port=9090")).isTrue();
	}

	@Test
	void anyOtherCommandDoesNotServe() {
		assertThat(CommandLine.serves("run", "classify-feedback")).isFalse();
		assertThat(CommandLine.serves("--sift.model.path=model.gguf", "bench")).isFalse();
		assertThat(CommandLine.serves("evaluate")).isFalse();
	}

	@Test
	void withoutACommandTheDefaultCommandRuns() throws Exception {
		RecordingCommand serve = new RecordingCommand(ServeCommand.NAME);
		RecordingCommand run = new RecordingCommand("run");
		CommandLine commandLine = new CommandLine(List.of(serve, run));

		commandLine.run(new DefaultApplicationArguments("--server.port=0"));

		assertThat(serve.calls).containsExactly(List.of());
		assertThat(run.calls).isEmpty();
	}

	@Test
	void serveRefusesToRunWithoutAWebServer() {
		ServeCommand serve = new ServeCommand(new StaticApplicationContext());

		assertThatThrownBy(() -> serve.run(List.of())).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("web-application-type");
	}

	private static final class RecordingCommand implements Command {

		private final String name;

		private final List<List<String>> calls = new ArrayList<>();

		RecordingCommand(String name) {
			this.name = name;
		}

		@Override
		public String name() {
			return this.name;
		}

		@Override
		public String usage() {
			return "";
		}

		@Override
		public int run(List<String> arguments) {
			this.calls.add(arguments);
			return 0;
		}

	}

}
