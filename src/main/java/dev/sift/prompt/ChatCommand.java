package dev.sift.prompt;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.sift.cli.Command;

/**
 * {@code chat [PROMPT]}: one prompt to the model, the reply streamed to the terminal token by token, then its tokens
 * and time. Without a prompt, each line of standard input is one. The system prompt, maximum tokens, temperature and
 * stop sequences are {@code --sift.chat.*} options.
 */
@Component
class ChatCommand implements Command {

	private final OneOffPrompts prompts;

	private final ChatProperties properties;

	ChatCommand(OneOffPrompts prompts, ChatProperties properties) {
		this.prompts = prompts;
		this.properties = properties;
	}

	@Override
	public String name() {
		return "chat";
	}

	@Override
	public String usage() {
		return "[PROMPT]: send one prompt to the model and stream its reply (no prompt: one per line of standard input)";
	}

	@Override
	public int run(List<String> arguments) throws Exception {
		PrintStream out = System.out;
		if (!arguments.isEmpty()) {
			ask(String.join(" ", arguments), out);
			return 0;
		}
		BufferedReader lines = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		for (String line = lines.readLine(); line != null; line = lines.readLine()) {
			if (!line.isBlank()) {
				ask(line, out);
			}
		}
		return 0;
	}

	private void ask(String text, PrintStream out) {
		OneOffReply reply = this.prompts.ask(this.properties.prompt(text), piece -> {
			out.print(piece);
			out.flush();
		});
		out.println();
		out.println("[" + reply.summary() + "]");
	}

}
