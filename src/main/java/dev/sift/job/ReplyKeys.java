package dev.sift.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sift.definition.FieldSpec;

/**
 * The reply's JSON key of each field. The grammar forces every key, and each forced token still costs a decoding
 * step, so keys are two characters where that keeps them unique; the instructions say what each stands for.
 */
final class ReplyKeys {

	private final Map<String, String> keyByField = new LinkedHashMap<>();

	private final Map<String, String> fieldByKey = new LinkedHashMap<>();

	ReplyKeys(List<FieldSpec> fields) {
		for (FieldSpec field : fields) {
			String key = shortKey(field.name());
			this.keyByField.put(field.name(), key);
			this.fieldByKey.put(key, field.name());
		}
	}

	String keyOf(String fieldName) {
		return this.keyByField.get(fieldName);
	}

	Map<String, String> fieldByKey() {
		return Map.copyOf(this.fieldByKey);
	}

	/** The first two characters, else the first and a later one, else the whole name (field names are unique). */
	private String shortKey(String name) {
		for (int second = 1; second < name.length(); second++) {
			String key = "" + name.charAt(0) + name.charAt(second);
			if (Character.isLetterOrDigit(name.charAt(second)) && !this.fieldByKey.containsKey(key)) {
				return key;
			}
		}
		return name;
	}

}
