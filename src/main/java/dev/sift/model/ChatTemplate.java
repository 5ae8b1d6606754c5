package dev.sift.model;

import java.util.ArrayList;
import java.util.List;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.Pair;

import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;

/**
 * Renders chat messages into the prompt text the model was trained on, with the chat template stored in the GGUF
 * (Zephyr format for TinyLlama Chat: {@code <|system|>}, {@code <|user|>}, {@code <|assistant|>}, turns ending in
 * {@code </s>}).
 */
final class ChatTemplate {

	private final LlamaModel model;

	ChatTemplate(LlamaModel model) {
		this.model = model;
	}

	String render(List<Message> messages) {
		if (messages.isEmpty()) {
			throw new InvalidModelRequestException("A prompt needs at least one message");
		}
		List<String> systemTexts = new ArrayList<>();
		List<Pair<String, String>> turns = new ArrayList<>();
		for (Message message : messages) {
			switch (message.getMessageType()) {
				case SYSTEM -> systemTexts.add(textOf(message));
				case USER -> turns.add(new Pair<>("user", textOf(message)));
				case ASSISTANT -> turns.add(new Pair<>("assistant", textOf(message)));
				default -> throw new InvalidModelRequestException("Message type " + message.getMessageType()
						+ " is not supported; use " + MessageType.SYSTEM + ", " + MessageType.USER + " or "
						+ MessageType.ASSISTANT);
			}
		}
		if (turns.isEmpty()) {
			throw new InvalidModelRequestException("A prompt needs at least one user message");
		}
		String system = String.join("\n\n", systemTexts);
		return this.model.applyTemplate(new InferenceParameters("").setMessages(system, turns));
	}

	private static String textOf(Message message) {
		return message.getText() == null ? "" : message.getText();
	}

}
