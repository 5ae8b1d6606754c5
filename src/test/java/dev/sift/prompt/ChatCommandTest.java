package dev.sift.prompt;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.sift.testing.SiftIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code chat} through the real llama.cpp adapter on the generated tiny model: the reply is streamed as it is
 * generated and followed by its token counts, the bounds of the prompt hold, and without a prompt each line of
 * standard input is one. The tiny model's words are noise; only the mechanics are checked.
 */
@SiftIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ChatCommandTest {

	private static final Pattern SUMMARY = Pattern
		.compile("\\[(\\d+) prompt tokens, (\\d+) reply tokens, \\d+\\.\\d s( \\(\\d+\\.\\d tokens/s\\))?]");

	@Autowired
	private OneOffPrompts prompts;

	@Autowired
	private ChatProperties properties;

	@Test
	void theReplyIsHandedOutPieceByPieceAndCountsItsTokensWithinTheMaximum() {
		List<String> pieces = new ArrayList<>();

		OneOffReply reply = this.prompts.ask(new OneOffPrompt("Who are you?", "You are terse.", 6, 0.0, List.of()),
				pieces::add);

		assertThat(pieces).isNotEmpty();
		assertThat(String.join("", pieces)).isEqualTo(reply.text());
		assertThat(reply.completionTokens()).isBetween(1, 6);
		assertThat(reply.promptTokens()).isPositive();
		assertThat(reply.finishReason()).isNotBlank();
	}

	@Test
	void aPromptOnTheCommandLineIsAnsweredOnceWithItsTokensAndTime(CapturedOutput output) throws Exception {
		int exitCode = new ChatCommand(this.prompts, this.properties).run(List.of("How", "fast", "can", "a", "snake",
				"fly?"));

		assertThat(exitCode).isZero();
		List<int[]> summaries = summaries(output.getOut());
		assertThat(summaries).hasSize(1);
		assertThat(summaries.get(0)[1]).isBetween(1, this.properties.maxTokens());
	}

	@Test
	void withoutAPromptEachLineOfStandardInputIsOneAndBlankLinesAreNone(CapturedOutput output) throws Exception {
		InputStream standardInput = System.in;
		System.setIn(new ByteArrayInputStream("1, 4, 9, 16, __, 36\n\nWho are you?\n".getBytes(StandardCharsets.UTF_8)));
		try {
			assertThat(new ChatCommand(this.prompts, this.properties).run(List.of())).isZero();
		}
		finally {
			System.setIn(standardInput);
		}

		assertThat(summaries(output.getOut())).hasSize(2);
	}

	@Test
	void anEmptyPromptIsRefused() {
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> new OneOffPrompt(" ", null, 10, 0.0, List.of()))
			.hasMessage("the prompt is empty");
	}

	/** Prompt and reply tokens of each summary line. */
	private static List<int[]> summaries(String out) {
		List<int[]> found = new ArrayList<>();
		Matcher matcher = SUMMARY.matcher(out);
		while (matcher.find()) {
			found.add(new int[] { Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)) });
		}
		return found;
	}

}
