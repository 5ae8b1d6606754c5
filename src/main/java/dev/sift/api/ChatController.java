package dev.sift.api;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.sift.prompt.ChatProperties;
import dev.sift.prompt.OneOffPrompt;
import dev.sift.prompt.OneOffPrompts;
import dev.sift.prompt.OneOffReply;

/** One-off prompts for scripts, as the {@code chat} command sends them. For reviewers and admins. */
@RestController
class ChatController {

	private final OneOffPrompts prompts;

	private final ChatProperties defaults;

	ChatController(OneOffPrompts prompts, ChatProperties defaults) {
		this.prompts = prompts;
		this.defaults = defaults;
	}

	@PostMapping("/api/chat")
	@Operation(summary = "Send one prompt to the model (REVIEWER)", description = """
			Sends the prompt through the model's chat template, with the system prompt, maximum tokens, temperature \
			and stop sequences given or else sift.chat.*, and answers with the whole reply, its tokens and time.""")
	OneOffReply chat(@RequestBody ChatRequest request) {
		if (request.prompt() == null || request.prompt().isBlank()) {
			throw new InvalidParameterException("prompt", "is required and must not be blank");
		}
		int maxTokens = request.maxTokens() == null ? this.defaults.maxTokens() : request.maxTokens();
		if (maxTokens < 1 || maxTokens > OneOffPrompt.MAX_TOKENS) {
			throw new InvalidParameterException("maxTokens", "must be 1 to " + OneOffPrompt.MAX_TOKENS + ", was "
					+ maxTokens);
		}
		double temperature = request.temperature() == null ? this.defaults.temperature() : request.temperature();
		if (!(temperature >= 0 && temperature <= 2)) {
			throw new InvalidParameterException("temperature", "must be 0 to 2, was " + temperature);
		}
		return this.prompts.ask(new OneOffPrompt(request.prompt(),
				request.system() == null ? this.defaults.system() : request.system(), maxTokens, temperature,
				request.stop() == null ? this.defaults.stop() : request.stop()), piece -> {
				});
	}

}
