package dev.sift.definition;

import java.util.List;

import dev.sift.support.ClosestName;

/** Checks and wording shared by the readers of every section, so that like values are reported alike. */
final class SpecValues {

	private SpecValues() {
	}

	/** A required value out of a fixed set, reported with the closest value when it is none of them. */
	static String oneOf(SpecFile file, YamlMap map, String key, List<String> allowed, String what) {
		String value = map.requiredString(key);
		if (value == null) {
			return null;
		}
		if (!allowed.contains(value)) {
			file.problem(map.line(key), "unknown " + what + " '" + value + "'", suggestion(value, allowed, "one of"));
			return null;
		}
		return value;
	}

	static String suggestion(String wanted, List<String> candidates, String what) {
		return ClosestName.to(wanted, candidates)
			.map(closest -> "did you mean '" + closest + "'?")
			.orElse(what + ": " + String.join(", ", candidates));
	}

	static String format(double value) {
		return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
	}

}
