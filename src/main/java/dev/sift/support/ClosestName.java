package dev.sift.support;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Finds the name a person probably meant, for "did you mean" hints on typos in column names. */
public final class ClosestName {

	private ClosestName() {
	}

	public static Optional<String> to(String wanted, List<String> candidates) {
		String normalizedWanted = normalize(wanted);
		return candidates.stream()
				.filter(candidate -> isClose(normalizedWanted, normalize(candidate)))
				.min(Comparator.comparingInt(candidate -> editDistance(normalizedWanted, normalize(candidate))));
	}

	private static boolean isClose(String wanted, String candidate) {
		if (candidate.isEmpty()) {
			return false;
		}
		// Short names need a tighter bound, otherwise "id" would suggest any two-letter column.
		int tolerance = wanted.length() <= 4 ? 1 : 2;
		return candidate.contains(wanted) || wanted.contains(candidate)
				|| editDistance(wanted, candidate) <= tolerance;
	}

	public static String normalize(String name) {
		return name.strip().toLowerCase(Locale.ROOT);
	}

	private static int editDistance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}
}
