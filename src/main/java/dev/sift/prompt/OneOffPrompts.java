package dev.sift.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * Sends one prompt through the same Spring AI {@link ChatModel} the jobs use (so through the model's own chat
 * template) and streams the reply: the {@code chat} command and {@code POST /api/chat}.
 */
@Service
@EnableConfigurationProperties(ChatProperties.class)
public class OneOffPrompts {

	private final ChatModel chatModel;

	public OneOffPrompts(ChatModel chatModel) {
		this.chatModel = chatModel;
	}

	/**
	 * Asks the model and hands each piece of the reply to {@code pieces} as it is generated.
	 * @return the whole reply, with its token counts and time
	 */
	public OneOffReply ask(OneOffPrompt prompt, Consumer<String> pieces) {
		List<Message> messages = new ArrayList<>();
		if (prompt.system() != null && !prompt.system().isBlank()) {
			messages.add(new SystemMessage(prompt.system()));
		}
		messages.add(new UserMessage(prompt.text()));
		ChatOptions options = this.chatModel.getOptions()
			.mutate()
			.maxTokens(prompt.maxTokens())
			.temperature(prompt.temperature())
			.stopSequences(prompt.stop())
			.build();
		StringBuilder text = new StringBuilder();
		ChatResponse[] last = { null };
		long started = System.nanoTime();
		this.chatModel.stream(new Prompt(messages, options)).doOnNext(response -> {
			last[0] = response;
			String piece = response.getResult() == null ? null : response.getResult().getOutput().getText();
			if (piece != null && !piece.isEmpty()) {
				text.append(piece);
				pieces.accept(piece);
			}
		}).blockLast();
		long millis = (System.nanoTime() - started) / 1_000_000;
		Usage usage = last[0] == null ? null : last[0].getMetadata().getUsage();
		String finishReason = last[0] == null || last[0].getResult() == null ? null
				: last[0].getResult().getMetadata().getFinishReason();
		return new OneOffReply(text.toString(), usage == null ? 0 : tokens(usage.getPromptTokens()),
				usage == null ? 0 : tokens(usage.getCompletionTokens()), millis, finishReason);
	}

	private static int tokens(Integer count) {
		return count == null ? 0 : count;
	}

}
