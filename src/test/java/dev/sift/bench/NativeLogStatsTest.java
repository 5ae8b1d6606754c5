package dev.sift.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class NativeLogStatsTest {

	private static final String TWO_REQUESTS = """
			slot update_slots: id  0 | task 4 | prompt done, n_past = 327, n_tokens = 2
			slot print_timing: id  0 | task 4 |
			prompt eval time =       7.58 ms /     2 tokens (    3.79 ms per token,   263.85 tokens per second)
			       eval time =     725.34 ms /   102 tokens (    7.11 ms per token,   140.62 tokens per second)
			      total time =     732.92 ms /   104 tokens
			slot print_timing: id  1 | task 7 |
			prompt eval time =     120.00 ms /   318 tokens (    0.38 ms per token,  2650.00 tokens per second)
			       eval time =     654.44 ms /   116 tokens (    5.64 ms per token,   177.25 tokens per second)
			      total time =     774.44 ms /   434 tokens
			""";

	@TempDir
	Path directory;

	@Test
	void sumsTheTokensAndTimesLlamaCppReportsPerRequest() throws Exception {
		Path log = Files.writeString(this.directory.resolve("llama.log"), TWO_REQUESTS);

		NativeLogStats stats = NativeLogStats.since(log, 0);

		assertThat(stats.requests()).isEqualTo(2);
		assertThat(stats.promptTokensEvaluated()).isEqualTo(320);
		assertThat(stats.generatedTokens()).isEqualTo(218);
		assertThat(stats.promptMillis()).isEqualTo(127.58, offset(1e-9));
		assertThat(stats.promptTokensEvaluatedPerRequest()).isEqualTo(160.0);
		assertThat(stats.generatedTokensPerRequest()).isEqualTo(109.0);
	}

	@Test
	void readsOnlyWhatWasLoggedAfterTheMark() throws Exception {
		Path log = Files.writeString(this.directory.resolve("llama.log"), TWO_REQUESTS);
		long mark = NativeLogStats.mark(log);
		Files.writeString(log, TWO_REQUESTS.substring(TWO_REQUESTS.indexOf("slot print_timing: id  1")),
				StandardOpenOption.APPEND);

		NativeLogStats stats = NativeLogStats.since(log, mark);

		assertThat(stats.requests()).isEqualTo(1);
		assertThat(stats.promptTokensEvaluated()).isEqualTo(318);
	}

	@Test
	void markOfAMissingLogIsItsStart() {
		assertThat(NativeLogStats.mark(this.directory.resolve("none.log"))).isZero();
	}

}
