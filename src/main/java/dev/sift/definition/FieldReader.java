package dev.sift.definition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.sift.definition.FieldSpec.FieldType;

/** Reads the fields of a task: their names and types, the labels to choose from, and the bounds of every reply. */
final class FieldReader {

	private static final Pattern FIELD_NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

	private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");

	private static final int MAX_LENGTH_LIMIT = 2000;

	/** Replies are bounded in characters; a word limit alone is turned into this many characters a word. */
	private static final int CHARACTERS_PER_WORD = 12;

	private static final List<String> FIELD_KEYS = List.of("name", "type", "description", "labels", "min-items",
			"max-items", "min-length", "max-length", "min-words", "max-words", "minimum", "maximum");

	private static final Map<FieldType, List<String>> FIELD_TYPE_KEYS = Map.of(FieldType.LABEL,
			List.of("name", "type", "description", "labels"), FieldType.LABELS,
			List.of("name", "type", "description", "labels", "min-items", "max-items"), FieldType.TEXT,
			List.of("name", "type", "description", "min-length", "max-length", "min-words", "max-words"),
			FieldType.LIST,
			List.of("name", "type", "description", "min-items", "max-items", "min-length", "max-length", "min-words",
					"max-words"),
			FieldType.NUMBER, List.of("name", "type", "description", "minimum", "maximum"), FieldType.INTEGER,
			List.of("name", "type", "description", "minimum", "maximum"), FieldType.BOOLEAN,
			List.of("name", "type", "description"));

	private static final List<String> FIELD_TYPES = Arrays.stream(FieldType.values())
		.map(FieldType::code)
		.toList();

	private final SpecFile file;

	FieldReader(SpecFile file) {
		this.file = file;
	}

	List<FieldSpec> read(YamlMap task) {
		if (!task.has("fields")) {
			task.missing("fields");
			return null;
		}
		List<YamlMap> items = task.maps("fields");
		if (items == null) {
			return null;
		}
		if (items.isEmpty()) {
			this.file.problem(task.line("fields"), "'" + task.path("fields") + "' is empty",
					"a task needs at least one field");
			return null;
		}
		int before = this.file.problemCount();
		Map<String, Integer> names = new LinkedHashMap<>();
		List<FieldSpec> fields = new ArrayList<>();
		for (YamlMap item : items) {
			FieldSpec field = field(item);
			if (field == null) {
				continue;
			}
			Integer first = names.putIfAbsent(field.name(), item.line("name"));
			if (first != null) {
				this.file.problem(item.line("name"), "duplicate field name '" + field.name() + "'",
						"the first is on line " + first);
			}
			fields.add(field);
		}
		return this.file.problemCount() > before ? null : fields;
	}

	private FieldSpec field(YamlMap field) {
		int before = this.file.problemCount();
		String name = field.requiredString("name");
		if (name != null && !FIELD_NAME.matcher(name).matches()) {
			this.file.problem(field.line("name"), "field name '" + name + "' is not valid",
					"use a lowercase letter, then up to 39 lowercase letters, digits or '_'");
		}
		String typeCode = SpecValues.oneOf(this.file, field, "type", FIELD_TYPES, "field type");
		if (typeCode == null) {
			field.allowOnly(FIELD_KEYS);
			return null;
		}
		FieldType type = FieldType.valueOf(typeCode.toUpperCase(Locale.ROOT));
		List<String> typeKeys = FIELD_TYPE_KEYS.get(type);
		for (String key : field.keys()) {
			if (!FIELD_KEYS.contains(key)) {
				field.unknownKey(key, FIELD_KEYS);
			}
			else if (!typeKeys.contains(key)) {
				this.file.problem(field.line(key), "'" + key + "' does not apply to " + typeCode + " fields",
						"keys of " + typeCode + " fields: " + String.join(", ", typeKeys));
			}
		}
		if (this.file.problemCount() > before) {
			return null;
		}
		String description = field.string("description");
		return switch (type) {
			case LABEL -> {
				Map<String, String> labels = labels(field);
				yield labels == null ? null : new FieldSpec(name, type, description, labels, 0, 0, 0, 0, null,
						null, null, null);
			}
			case LABELS -> labelsField(field, name, description);
			case TEXT -> textField(field, name, type, description, 0, 0);
			case LIST -> listField(field, name, description);
			case NUMBER, INTEGER -> numberField(field, name, type, description);
			case BOOLEAN -> new FieldSpec(name, type, description, Map.of(), 0, 0, 0, 0, null, null, null, null);
		};
	}

	private Map<String, String> labels(YamlMap field) {
		if (!field.has("labels")) {
			this.file.problem(field.line(), "missing key 'labels' in '" + field.path() + "'",
					"give each label with what it means, e.g. labels: {positive: happy, negative: unhappy}");
			return null;
		}
		YamlMap labels = field.map("labels");
		if (labels == null) {
			return null;
		}
		if (labels.keys().isEmpty()) {
			this.file.problem(field.line("labels"), "'" + labels.path() + "' is empty", "give at least one label");
			return null;
		}
		int before = this.file.problemCount();
		Map<String, String> result = new LinkedHashMap<>();
		Map<String, String> lowerCase = new LinkedHashMap<>();
		for (String label : labels.keys()) {
			if (!LABEL_NAME.matcher(label).matches()) {
				this.file.problem(labels.line(label), "label '" + label + "' is not valid",
						"use a letter or digit, then up to 39 letters, digits, '_' or '-'");
			}
			String same = lowerCase.putIfAbsent(label.toLowerCase(Locale.ROOT), label);
			if (same != null) {
				this.file.problem(labels.line(label), "label '" + label + "' duplicates '" + same + "'",
						"labels must differ in more than letter case");
			}
			String meaning = labels.string(label);
			result.put(label, meaning == null ? "" : meaning);
		}
		return this.file.problemCount() > before ? null : result;
	}

	private FieldSpec labelsField(YamlMap field, String name, String description) {
		Map<String, String> labels = labels(field);
		if (labels == null) {
			return null;
		}
		int before = this.file.problemCount();
		Integer minItems = field.integer("min-items");
		Integer maxItems = field.integer("max-items");
		int min = minItems == null ? 1 : minItems;
		int max = maxItems == null ? Math.min(3, labels.size()) : maxItems;
		checkItems(field, min, max);
		if (max > labels.size()) {
			this.file.problem(field.line("max-items"), "max-items " + max + " is more than the " + labels.size()
					+ " labels", "set max-items to at most " + labels.size());
		}
		return this.file.problemCount() > before ? null
				: new FieldSpec(name, FieldType.LABELS, description, labels, min, max, 0, 0, null, null, null,
						null);
	}

	private void checkItems(YamlMap field, int min, int max) {
		if (min < 0) {
			this.file.problem(field.line("min-items"), "min-items must not be negative, not " + min);
		}
		if (max < 1) {
			this.file.problem(field.line("max-items"), "max-items must be at least 1, not " + max);
		}
		else if (min > max) {
			this.file.problem(field.line("min-items"), "min-items " + min + " is more than max-items " + max,
					"no reply could satisfy both");
		}
	}

	private FieldSpec listField(YamlMap field, String name, String description) {
		int before = this.file.problemCount();
		Integer minItems = field.integer("min-items");
		Integer maxItems = field.integer("max-items");
		if (maxItems == null && !field.has("max-items")) {
			this.file.problem(field.line(), "a list field needs 'max-items'",
					"bound the number of items, e.g. max-items: 5");
		}
		if (maxItems != null) {
			checkItems(field, minItems == null ? 0 : minItems, maxItems);
		}
		if (this.file.problemCount() > before) {
			return null;
		}
		return textField(field, name, FieldType.LIST, description, minItems == null ? 0 : minItems, maxItems);
	}

	private FieldSpec textField(YamlMap field, String name, FieldType type, String description, int minItems,
			int maxItems) {
		int before = this.file.problemCount();
		Integer minLength = field.integer("min-length");
		Integer maxLength = field.integer("max-length");
		Integer minWords = field.integer("min-words");
		Integer maxWords = field.integer("max-words");
		if (this.file.problemCount() > before) {
			return null;
		}
		if (maxLength == null && maxWords == null) {
			this.file.problem(field.line(), "a " + type.code() + " field needs 'max-length' or 'max-words'",
					"bound every text, e.g. max-length: 200");
			return null;
		}
		if (maxLength != null && (maxLength < 1 || maxLength > MAX_LENGTH_LIMIT)) {
			this.file.problem(field.line("max-length"), "max-length must be 1 to " + MAX_LENGTH_LIMIT + ", not "
					+ maxLength);
		}
		if (minLength != null && minLength < 0) {
			this.file.problem(field.line("min-length"), "min-length must not be negative, not " + minLength);
		}
		if (minWords != null && minWords < 0) {
			this.file.problem(field.line("min-words"), "min-words must not be negative, not " + minWords);
		}
		if (maxWords != null && maxWords < 1) {
			this.file.problem(field.line("max-words"), "max-words must be at least 1, not " + maxWords);
		}
		if (minWords != null && maxWords != null && minWords > maxWords) {
			this.file.problem(field.line("min-words"), "min-words " + minWords + " is more than max-words "
					+ maxWords, "no reply could satisfy both");
		}
		int length = maxLength != null ? maxLength : maxWords * CHARACTERS_PER_WORD;
		if (maxLength == null && length > MAX_LENGTH_LIMIT) {
			this.file.problem(field.line("max-words"), "max-words " + maxWords + " allows " + length
					+ " characters (" + CHARACTERS_PER_WORD + " a word), more than " + MAX_LENGTH_LIMIT,
					"lower max-words, or set max-length");
		}
		if (minLength != null && minLength > length) {
			this.file.problem(field.line("min-length"), "min-length " + minLength + " is more than the maximum "
					+ "length " + length, "no reply could satisfy both");
		}
		return this.file.problemCount() > before ? null
				: new FieldSpec(name, type, description, Map.of(), minItems, maxItems,
						minLength == null ? 0 : minLength, length, minWords, maxWords, null, null);
	}

	private FieldSpec numberField(YamlMap field, String name, FieldType type, String description) {
		int before = this.file.problemCount();
		Double minimum = field.number("minimum");
		Double maximum = field.number("maximum");
		if (minimum != null && maximum != null && minimum > maximum) {
			this.file.problem(field.line("minimum"), "minimum " + SpecValues.format(minimum) + " is more than "
					+ "maximum " + SpecValues.format(maximum), "no reply could satisfy both");
		}
		return this.file.problemCount() > before ? null
				: new FieldSpec(name, type, description, Map.of(), 0, 0, 0, 0, null, null, minimum, maximum);
	}

}
