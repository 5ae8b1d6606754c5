package dev.sift.definition;

import java.util.Map;
import java.util.Objects;

/**
 * One field of a reply. Which bounds apply depends on the type:
 * <ul>
 * <li>{@code label}: one of {@code labels}</li>
 * <li>{@code labels}: {@code minItems} to {@code maxItems} different {@code labels}</li>
 * <li>{@code text}: {@code minLength} to {@code maxLength} characters and, if set, {@code minWords} to
 * {@code maxWords} words</li>
 * <li>{@code list}: {@code minItems} to {@code maxItems} texts, each bounded like {@code text}</li>
 * <li>{@code number}, {@code integer}: {@code minimum} to {@code maximum}</li>
 * <li>{@code boolean}: true or false</li>
 * </ul>
 * Unused bounds are 0 (or {@code null} for the number range and word counts). Texts are always bounded in characters:
 * a spec that gives only {@code max-words} gets {@code maxLength = maxWords * 12}, so a length check and the
 * grammar's string bound hold whatever the words.
 *
 * @param description what the field means, told to the model
 * @param labels each allowed label with what it means, in the order they are offered
 */
public record FieldSpec(String name, FieldType type, String description, Map<String, String> labels, int minItems,
		int maxItems, int minLength, int maxLength, Integer minWords, Integer maxWords, Double minimum,
		Double maximum) {

	public FieldSpec {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(type, "type");
		description = description == null ? "" : description;
		labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
	}

	/** The kinds of field a reply can have. */
	public enum FieldType {

		LABEL, LABELS, TEXT, LIST, NUMBER, INTEGER, BOOLEAN;

		/** The name used in spec files. */
		public String code() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
