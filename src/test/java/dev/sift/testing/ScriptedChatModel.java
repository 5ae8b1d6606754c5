package dev.sift.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;

/**
 * A Spring AI chat model that is not llama.cpp: it answers each request with what a script makes of the request's
 * last user message and output schema, and remembers the requests. Its options are Spring AI's own structured-output
 * options: no seed, no parallel slots, no model time. Jobs run through it prove they need nothing but Spring AI's
 * interfaces, and tests can assert exactly what a job makes of known replies.
 */
public final class ScriptedChatModel implements ChatModel {

	public static final String MODEL = "scripted-model";

	private final BiFunction<String, String, String> script;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	/** @param script from a request's last user message and output schema to the reply's text */
	public ScriptedChatModel(BiFunction<String, String, String> script) {
		this.script = script;
	}

	@Override
	public ChatOptions getOptions() {
		return StructuredOutputChatOptions.builder().model(MODEL).temperature(0.0).maxTokens(256).build();
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		String schema = prompt.getOptions() instanceof StructuredOutputChatOptions structured
				? structured.getOutputSchema() : null;
		List<Message> messages = prompt.getInstructions();
		String userMessage = messages.stream()
			.filter(message -> message.getMessageType() == MessageType.USER)
			.reduce((first, second) -> second)
			.map(Message::getText)
			.orElse("");
		this.requests.add(new Request(userMessage, schema, prompt.getOptions()));
		String reply = this.script.apply(userMessage, schema);
		return new ChatResponse(List.of(new Generation(new AssistantMessage(reply))),
				ChatResponseMetadata.builder().model(MODEL).usage(new DefaultUsage(userMessage.length(), reply.length())).build());
	}

	/** Every request so far, in the order they came. */
	public List<Request> requests() {
		return List.copyOf(this.requests);
	}

	/** The requests whose last user message contains {@code text}. */
	public List<Request> requestsAbout(String text) {
		return this.requests.stream().filter(request -> request.userMessage().contains(text)).toList();
	}

	/** One request: the record as the model saw it, the schema its reply had to follow, and the options. */
	public record Request(String userMessage, String outputSchema, ChatOptions options) {
	}

}
