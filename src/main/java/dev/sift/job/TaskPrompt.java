package dev.sift.job;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;

import dev.sift.definition.ClassifySpec;
import dev.sift.definition.FieldSpec;
import dev.sift.definition.GenerateSpec;
import dev.sift.definition.JobSpec;
import dev.sift.definition.TaskSpec;
import dev.sift.result.ResultFilter.LabelFilter;
import dev.sift.result.ResultStatus;
import dev.sift.result.StoredResult;
import dev.sift.source.SourceRecord;
import dev.sift.support.ClosestName;
import dev.sift.support.Excerpt;

import dev.sift.support.Sha256;

/**
 * A task spec compiled into what the model gets and what its reply must be: the instructions, the worked examples,
 * the message for each record, the output schema (turned into a grammar by the model) and the Java checks of every
 * field. Instructions and examples come first and are the same for every record, so llama.cpp reuses their
 * evaluated tokens; the record comes last.
 */
public final class TaskPrompt {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_ .-]+)}");

	private final TaskSpec task;

	private final List<String> textColumns;

	private final ReplyKeys keys;

	private final String outputSchema;

	private final String instructions;

	private final List<Message> examples;

	/** Reviewed results most like each record added to its prompt as examples ({@code examples-from-corrections}). */
	private final int correctionExamples;

	private final ReplyValidator validator;

	private TaskPrompt(TaskSpec task, List<String> textColumns, int correctionExamples) {
		this.task = task;
		this.correctionExamples = task instanceof ClassifySpec ? correctionExamples : 0;
		this.textColumns = List.copyOf(textColumns);
		this.keys = new ReplyKeys(task.fields());
		this.outputSchema = ReplySchema.of(task.fields(), this.keys);
		this.instructions = Instructions.of(task, this.keys);
		this.examples = task instanceof ClassifySpec classify ? examples(classify) : List.of();
		this.validator = new ReplyValidator(this.outputSchema, this.keys.fieldByKey(), task.fields(),
				task instanceof GenerateSpec generate ? generate.bannedWords() : List.of());
	}

	public static TaskPrompt of(JobSpec spec) {
		return new TaskPrompt(spec.task(), spec.source().textColumns(), spec.model().correctionExamples());
	}

	/** The JSON schema every reply must follow. */
	public String outputSchema() {
		return this.outputSchema;
	}

	String instructions() {
		return this.instructions;
	}

	/** The names of the reply's fields, in reply order. */
	public List<String> fieldNames() {
		return this.task.fields().stream().map(field -> field.name()).toList();
	}

	/** What a valid reply makes of a record: generated text is a draft until a person approves it. */
	ResultStatus validStatus() {
		return this.task instanceof GenerateSpec ? ResultStatus.DRAFT : ResultStatus.OK;
	}

	/** The messages the model gets for one record: instructions, examples, then the record. */
	public List<Message> messages(SourceRecord record) {
		return messages(record, List.of());
	}

	/**
	 * The messages the model gets for one record with reviewed results as more examples: instructions and the spec's
	 * examples first (the same for every record, so llama.cpp reuses them), then the corrections, then the record.
	 */
	List<Message> messages(SourceRecord record, List<StoredResult> corrections) {
		List<Message> messages = new ArrayList<>();
		messages.add(new SystemMessage(this.instructions));
		messages.addAll(this.examples);
		corrections.forEach(correction -> messages.addAll(example(correction.inputText(), correction.labels())));
		messages.add(new UserMessage(userMessage(record)));
		return messages;
	}

	/** How many reviewed results most like each record its prompt gets; 0 for none. */
	int correctionExamples() {
		return this.correctionExamples;
	}

	/** The task's fields, in order. */
	List<FieldSpec> fields() {
		return this.task.fields();
	}

	ReplyValidator.Validation validate(String reply) {
		return this.validator.validate(reply);
	}

	/**
	 * What breaks the job's rules in values a person gave, checked exactly like a model's reply: labels the job
	 * knows, list sizes, text lengths and word counts, number ranges and banned words.
	 * @param labels field name to value (a string, a list of strings, a number or a boolean)
	 * @return each problem as {@code field: what is wrong}; empty when the values are valid
	 */
	public List<String> check(Map<String, Object> labels) {
		JsonMapper json = JsonMapper.shared();
		ObjectNode reply = json.createObjectNode();
		labels.forEach((name, value) -> {
			String key = this.keys.keyOf(name);
			reply.set(key == null ? name : key, json.valueToTree(value));
		});
		return this.validator.validate(reply.toString()).violations();
	}

	/**
	 * The fields of a stored raw reply by field name, even when it broke the rules, so a person correcting it starts
	 * from what the model said; empty when the reply is not a JSON object.
	 */
	public Map<String, Object> fieldsOf(String reply) {
		return reply == null ? Map.of() : this.validator.fieldsOf(reply);
	}

	/**
	 * The results filter a person means by {@code field:value}: a field of the task, and a value it can hold, typed
	 * as the field's values are stored (a label as the task spells it, a number, true or false).
	 * @throws InvalidLabelFilterException naming the task's fields, or the field's labels, when it fits none
	 */
	public static LabelFilter labelFilter(TaskSpec task, String filter) {
		int colon = filter.indexOf(':');
		if (colon <= 0 || colon == filter.length() - 1) {
			FieldSpec first = task.fields().get(0);
			throw new InvalidLabelFilterException("'" + Excerpt.of(filter) + "' is not field:value, e.g. "
					+ first.name() + ":" + (first.labels().isEmpty() ? "value" : first.labels().keySet().iterator().next()));
		}
		String name = filter.substring(0, colon);
		List<String> names = task.fields().stream().map(FieldSpec::name).toList();
		FieldSpec field = task.fields()
			.stream()
			.filter(candidate -> candidate.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new InvalidLabelFilterException("there is no field '" + Excerpt.of(name) + "'"
					+ ClosestName.to(name, names).map(closest -> " (did you mean '" + closest + "'?)").orElse("")
					+ "; its fields: " + String.join(", ", names)));
		return new LabelFilter(field.name(), typedValue(field, filter.substring(colon + 1)));
	}

	private static Object typedValue(FieldSpec field, String value) {
		switch (field.type()) {
			case LABEL, LABELS -> {
				List<String> labels = List.copyOf(field.labels().keySet());
				if (!labels.contains(value)) {
					throw new InvalidLabelFilterException("field " + field.name() + " has no label '"
							+ Excerpt.of(value) + "'"
							+ ClosestName.to(value, labels).map(closest -> "; did you mean '" + closest + "'?").orElse("")
							+ " Its labels: " + String.join(", ", labels));
				}
				return value;
			}
			case BOOLEAN -> {
				if (!value.equals("true") && !value.equals("false")) {
					throw new InvalidLabelFilterException(
							"field " + field.name() + " is true or false, not '" + Excerpt.of(value) + "'");
				}
				return Boolean.parseBoolean(value);
			}
			case NUMBER, INTEGER -> {
				boolean whole = field.type() == FieldSpec.FieldType.INTEGER;
				try {
					BigDecimal number = new BigDecimal(value.strip());
					return whole ? number.toBigIntegerExact() : number;
				}
				catch (NumberFormatException | ArithmeticException ex) {
					throw new InvalidLabelFilterException("field " + field.name() + " is "
							+ (whole ? "a whole number" : "a number") + ", not '" + Excerpt.of(value) + "'");
				}
			}
			default -> {
				return value;
			}
		}
	}

	/** Words in a text, counted the way word limits are checked. */
	public static int wordCount(String text) {
		return ReplyValidator.wordCount(text);
	}

	/** Short hash of everything that shapes the answer, stored with each result to tell prompt versions apart. */
	public String promptVersion(String modelName) {
		MessageDigest digest = Sha256.newDigest();
		List<String> parts = new ArrayList<>(List.of(this.instructions, this.outputSchema, modelName));
		this.examples.forEach(example -> parts.add(example.getText()));
		if (this.correctionExamples > 0) {
			parts.add("examples-from-corrections " + this.correctionExamples);
		}
		if (this.task instanceof GenerateSpec generate) {
			parts.add(generate.prompt());
		}
		for (String part : parts) {
			digest.update(part.getBytes(StandardCharsets.UTF_8));
			digest.update((byte) 0);
		}
		return Sha256.hex(digest).substring(0, 12);
	}

	private String userMessage(SourceRecord record) {
		if (this.task instanceof GenerateSpec generate) {
			return fillIn(generate.prompt(), record);
		}
		StringBuilder message = new StringBuilder();
		record.fields().forEach((column, value) -> {
			if (value != null && !value.isBlank()) {
				message.append(column).append(": ").append(value).append('\n');
			}
		});
		return message.append(message.isEmpty() ? "" : "\n").append("Text:\n").append(record.text()).toString();
	}

	/**
	 * The prompt template with each {@code {column}} replaced by the record's value (empty when it has none). A text
	 * column stands for the record's text: with several text columns, all of them joined.
	 */
	String fillIn(String template, SourceRecord record) {
		Map<String, String> values = new LinkedHashMap<>(record.fields());
		this.textColumns.forEach(column -> values.put(column, record.text()));
		Matcher placeholder = PLACEHOLDER.matcher(template);
		StringBuilder filled = new StringBuilder();
		while (placeholder.find()) {
			String value = values.get(placeholder.group(1));
			placeholder.appendReplacement(filled, Matcher.quoteReplacement(value == null ? "" : value.strip()));
		}
		placeholder.appendTail(filled);
		return filled.toString().strip();
	}

	private List<Message> examples(ClassifySpec classify) {
		List<Message> messages = new ArrayList<>();
		for (ClassifySpec.Example example : classify.examples()) {
			messages.addAll(example(example.text(), example.output()));
		}
		return List.copyOf(messages);
	}

	/** A worked example: the text as a record's message, the reply the model should give for these values. */
	private List<Message> example(String text, Map<String, ?> values) {
		JsonMapper json = JsonMapper.shared();
		ObjectNode reply = json.createObjectNode();
		for (var field : this.task.fields()) {
			if (values.containsKey(field.name())) {
				reply.set(this.keys.keyOf(field.name()), json.valueToTree(values.get(field.name())));
			}
		}
		return List.of(new UserMessage("Text:\n" + (text == null ? "" : text.strip())),
				new AssistantMessage(reply.toString()));
	}

}
