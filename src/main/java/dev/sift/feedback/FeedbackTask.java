package dev.sift.feedback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;


/**
 * What the model is asked for each feedback record: the instructions, the output schema and the prompt version that
 * identifies both. Instructions come first and are the same for every record, so llama.cpp can reuse their
 * evaluated tokens; the record comes last.
 */
public final class FeedbackTask {

	public static final List<String> SENTIMENTS = List.of("positive", "neutral", "negative", "mixed");

	public static final List<String> URGENCIES = List.of("low", "medium", "high");

	public static final List<String> LANGUAGES = List.of("en", "de", "es", "fr", "it", "nl", "pt", "pl", "sv", "da", "no",
			"fi", "cs", "tr", "ru", "ja", "zh", "ko", "ar", "other");

	static final int SUMMARY_MAX_LENGTH = 160;

	static final List<String> LABEL_NAMES = List.of("sentiment", "topics", "urgency", "summary", "language");

	/**
	 * The reply's JSON key of each label. The grammar forces every key, and each forced token still costs a decoding
	 * step, so keys are two letters; the instructions say what they stand for.
	 */
	static final Map<String, String> LABEL_BY_KEY = Map.of("se", "sentiment", "to", "topics", "ur", "urgency", "su",
			"summary", "la", "language");

	private final String instructions;

	private final String outputSchema;

	FeedbackTask(Map<String, String> topics) {
		this.outputSchema = outputSchema(List.copyOf(topics.keySet()));
		this.instructions = instructions(topics);
	}

	String instructions() {
		return this.instructions;
	}

	/** The JSON schema every reply must follow. */
	public String outputSchema() {
		return this.outputSchema;
	}

	private static String userMessage(String text) {
		return "Feedback:\n" + text;
	}

	/** The messages the model gets for one feedback text: the shared instructions first, the record last. */
	public List<Message> messages(String text) {
		return List.of(new SystemMessage(this.instructions), new UserMessage(userMessage(text)));
	}

	/** Short hash of everything that shapes the answer, stored with each result to tell prompt versions apart. */
	public String promptVersion(String modelName) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (String part : List.of(this.instructions, this.outputSchema, modelName)) {
				digest.update(part.getBytes(StandardCharsets.UTF_8));
				digest.update((byte) 0);
			}
			return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String instructions(Map<String, String> topics) {
		String topicLines = topics.entrySet()
			.stream()
			.map(topic -> "- " + topic.getKey() + ": " + topic.getValue())
			.collect(Collectors.joining("\n"));
		return """
				You classify customer feedback for a support team. Answer with one JSON object:
				- se (sentiment): positive, neutral, negative or mixed
				- to (topics): one to three of the topics below, most important first
				- ur (urgency): high if the customer is at risk, was charged wrongly or threatens to leave; medium if \
				something is broken; low otherwise
				- su (summary): one sentence in English, at most %d characters
				- la (language): the ISO 639-1 code of the feedback's language (other if none fits)

				Topics:
				%s
				""".formatted(SUMMARY_MAX_LENGTH, topicLines);
	}

	private static String outputSchema(List<String> topicNames) {
		JsonMapper json = JsonMapper.shared();
		ObjectNode schema = json.createObjectNode().put("type", "object");
		ObjectNode properties = schema.putObject("properties");
		properties.set("se", enumOf(json, SENTIMENTS));
		ObjectNode topics = properties.putObject("to").put("type", "array").put("minItems", 1).put("maxItems", 3)
			.put("uniqueItems", true);
		topics.set("items", enumOf(json, topicNames));
		properties.set("ur", enumOf(json, URGENCIES));
		properties.putObject("su").put("type", "string").put("minLength", 1).put("maxLength", SUMMARY_MAX_LENGTH);
		properties.set("la", enumOf(json, LANGUAGES));
		ArrayNode required = schema.putArray("required");
		properties.propertyNames().forEach(required::add);
		schema.put("additionalProperties", false);
		return schema.toString();
	}

	private static ObjectNode enumOf(JsonMapper json, List<String> values) {
		ObjectNode node = json.createObjectNode().put("type", "string");
		ArrayNode options = node.putArray("enum");
		values.forEach(options::add);
		return node;
	}

}
