package dev.sift.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.ai.chat.model.ChatModel;

import dev.sift.chat.ContextLimitedChatModel;
import dev.sift.definition.FieldSpec;
import dev.sift.definition.JobSpec;
import dev.sift.result.StoredResult;
import dev.sift.source.SourceRecord;

/**
 * Records whose prompt does not fit one request of the model (a slot's context), measured with the model's own
 * tokenizer and chat template ({@link ContextLimitedChatModel}): how much of a text fits, the parts a text splits
 * into, and how the parts' replies merge into one. A model that does not say how large its context is gets every
 * record as it is.
 */
final class LongTexts {

	/** A part ends at a blank, rather than inside a word, when one is this close to where the part must end. */
	private static final double WORD_BOUNDARY_SHARE = 0.2;

	private final ContextLimitedChatModel model;

	private final TaskPrompt task;

	private final int replyTokens;

	private final CorrectionExamples corrections;

	/**
	 * @param replyTokens the most tokens a reply may take
	 */
	LongTexts(ChatModel chatModel, TaskPrompt task, int replyTokens) {
		this(chatModel instanceof ContextLimitedChatModel limited ? limited : null, task, replyTokens,
				CorrectionExamples.NONE);
	}

	private LongTexts(ContextLimitedChatModel model, TaskPrompt task, int replyTokens,
			CorrectionExamples corrections) {
		this.model = model;
		this.task = task;
		this.replyTokens = replyTokens;
		this.corrections = corrections;
	}

	/** The same, counting the reviewed results each record's prompt gets as examples. */
	LongTexts with(CorrectionExamples corrections) {
		return new LongTexts(this.model, this.task, this.replyTokens, corrections);
	}

	static LongTexts of(JobSpec spec, TaskPrompt task, ChatModel chatModel) {
		return new LongTexts(chatModel, task, PromptFit.replyTokens(spec, chatModel));
	}

	boolean fits(SourceRecord record) {
		return this.model == null || promptTokens(record) + this.replyTokens <= this.model.requestContextTokens();
	}

	/** E.g. {@code prompt of 6291 tokens + reply up to 256 > slot context 2048}. */
	String tooLong(SourceRecord record) {
		return "prompt of " + promptTokens(record) + " tokens + reply up to " + this.replyTokens + " > slot context "
				+ this.model.requestContextTokens();
	}

	/**
	 * The record with as much of its text's beginning as fits, cut at a blank where one is near.
	 * @return {@code null} when not even an empty text fits: the record's other columns are too long
	 */
	Cut truncate(SourceRecord record) {
		String text = record.text();
		int length = longestFittingPrefix(record, text);
		if (length < 0) {
			return null;
		}
		SourceRecord cut = record.withText(prefix(text, length));
		int dropped = promptTokens(record) - promptTokens(cut);
		return new Cut(cut, dropped, promptTokens(record) - promptTokens(record.withText("")));
	}

	/**
	 * The text split into consecutive parts that each fit, cut at blanks where one is near; each part keeps the
	 * record's id, line and columns.
	 * @return empty when not even an empty text fits
	 */
	List<SourceRecord> parts(SourceRecord record) {
		List<SourceRecord> parts = new ArrayList<>();
		String rest = record.text().strip();
		while (!rest.isEmpty()) {
			int length = longestFittingPrefix(record, rest);
			if (length <= 0) {
				return List.of();
			}
			parts.add(record.withText(prefix(rest, length)));
			rest = rest.substring(length).stripLeading();
		}
		return parts;
	}

	/**
	 * The parts' values merged field by field: a label the parts give most often (a tie goes to the label the job
	 * lists first), for a label list every label any part gives (those given most often first, up to the list's
	 * maximum), the largest number, and {@code true} when any part says so. Texts and text lists are left out: a
	 * final request writes them from the parts' texts.
	 */
	Map<String, Object> merge(List<Map<String, Object>> parts) {
		Map<String, Object> merged = new LinkedHashMap<>();
		for (FieldSpec field : this.task.fields()) {
			List<Object> values = parts.stream().map(part -> part.get(field.name())).filter(value -> value != null)
				.toList();
			if (values.isEmpty()) {
				continue;
			}
			switch (field.type()) {
				case LABEL -> merged.put(field.name(),
						mostFrequent(field, values.stream().map(String::valueOf).toList()));
				case LABELS -> merged.put(field.name(), union(field, values));
				case NUMBER, INTEGER -> merged.put(field.name(), values.stream()
					.map(value -> (Number) value)
					.max((a, b) -> Double.compare(a.doubleValue(), b.doubleValue()))
					.orElseThrow());
				case BOOLEAN -> merged.put(field.name(), values.contains(Boolean.TRUE));
				case TEXT, LIST -> {
				}
			}
		}
		return merged;
	}

	/** Whether the task has fields a final request writes from the parts' texts. */
	boolean hasTexts() {
		return this.task.fields().stream()
			.anyMatch(field -> field.type() == FieldSpec.FieldType.TEXT || field.type() == FieldSpec.FieldType.LIST);
	}

	/** The text of the final request: each part's texts, in order. */
	String partsTexts(List<Map<String, Object>> parts) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < parts.size(); i++) {
			text.append("Part ").append(i + 1).append(" of ").append(parts.size()).append(":\n");
			for (FieldSpec field : this.task.fields()) {
				if (field.type() == FieldSpec.FieldType.TEXT || field.type() == FieldSpec.FieldType.LIST) {
					Object value = parts.get(i).get(field.name());
					if (value != null) {
						text.append(field.name()).append(": ").append(StoredResult.text(value))
							.append('\n');
					}
				}
			}
			text.append('\n');
		}
		return text.toString().strip();
	}

	private static String mostFrequent(FieldSpec field, List<String> values) {
		List<String> order = new ArrayList<>(field.labels().keySet());
		return values.stream()
			.distinct()
			.min((a, b) -> {
				long countA = values.stream().filter(a::equals).count();
				long countB = values.stream().filter(b::equals).count();
				return countA != countB ? Long.compare(countB, countA) : Integer.compare(rank(order, a), rank(order, b));
			})
			.orElseThrow();
	}

	private static List<String> union(FieldSpec field, List<Object> values) {
		List<String> all = values.stream()
			.flatMap(value -> value instanceof List<?> items ? items.stream().map(String::valueOf)
					: Stream.of(String.valueOf(value)))
			.toList();
		List<String> order = new ArrayList<>(field.labels().keySet());
		List<String> union = all.stream()
			.distinct()
			.sorted((a, b) -> {
				long countA = all.stream().filter(a::equals).count();
				long countB = all.stream().filter(b::equals).count();
				return countA != countB ? Long.compare(countB, countA) : Integer.compare(rank(order, a), rank(order, b));
			})
			.toList();
		return field.maxItems() > 0 && union.size() > field.maxItems() ? union.subList(0, field.maxItems()) : union;
	}

	private static int rank(List<String> order, String label) {
		int index = order.indexOf(label);
		return index < 0 ? Integer.MAX_VALUE : index;
	}

	/** The longest prefix of {@code text} that fits as the record's text, or -1 when not even an empty one does. */
	private int longestFittingPrefix(SourceRecord record, String text) {
		if (!fits(record.withText(""))) {
			return -1;
		}
		if (fits(record.withText(prefix(text, text.length())))) {
			return text.length();
		}
		int fitting = 0;
		int tooLong = text.length();
		while (tooLong - fitting > 1) {
			int middle = (fitting + tooLong) >>> 1;
			if (fits(record.withText(prefix(text, middle)))) {
				fitting = middle;
			}
			else {
				tooLong = middle;
			}
		}
		int blank = Math.max(text.lastIndexOf(' ', fitting), text.lastIndexOf('\n', fitting));
		return blank > fitting * (1 - WORD_BOUNDARY_SHARE) && fits(record.withText(prefix(text, blank))) ? blank
				: fitting;
	}

	/** The first {@code length} characters, without the blanks they end with: what a part or a cut text is. */
	private static String prefix(String text, int length) {
		return text.substring(0, length).stripTrailing();
	}

	private int promptTokens(SourceRecord record) {
		return this.model.promptTokens(this.task.messages(record, this.corrections.nearest(record)));
	}

	/**
	 * A record cut to fit.
	 *
	 * @param dropped tokens of the text left out
	 * @param total tokens of the whole text
	 */
	record Cut(SourceRecord record, int dropped, int total) {
	}

}
