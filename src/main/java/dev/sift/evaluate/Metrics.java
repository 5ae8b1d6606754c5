package dev.sift.evaluate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Scores predicted labels against expected ones.
 *
 * <p>
 * The 0/0 rule: a ratio whose denominator is 0 is 0. A class that was never predicted has precision 0, a class that
 * was never expected has recall 0, and F1 is 0 when precision and recall are both 0. No class is left out of an
 * average because of it: macro-F1 averages every class that appears in the expected or the predicted labels. So a
 * model is never rewarded for leaving a class out.
 *
 * <p>
 * Unclassified records (the model gave no labels) are wrong for accuracy and exact match, count towards the support
 * of their expected class (a false negative there), predict no class, and are counted apart.
 */
final class Metrics {

	private Metrics() {
	}

	static SingleLabelScores singleLabel(List<LabelPair> pairs) {
		SortedSet<String> classes = new TreeSet<>();
		pairs.forEach(pair -> {
			classes.add(pair.expected());
			if (!pair.unclassified()) {
				classes.add(pair.predicted());
			}
		});
		Map<String, ClassScores> scores = new LinkedHashMap<>();
		for (String label : classes) {
			scores.put(label, ClassScores.of(count(pairs, pair -> pair.isRight() && pair.expected().equals(label)),
					count(pairs, pair -> label.equals(pair.predicted())),
					count(pairs, pair -> pair.expected().equals(label))));
		}
		int unclassified = count(pairs, LabelPair::unclassified);
		return new SingleLabelScores(pairs.size(), pairs.size() - unclassified, unclassified,
				ratio(count(pairs, LabelPair::isRight), pairs.size()), macroF1(scores), scores,
				ConfusionMatrix.of(List.copyOf(classes), pairs));
	}

	static MultiLabelScores multiLabel(List<TopicsPair> pairs) {
		SortedSet<String> topics = new TreeSet<>();
		pairs.forEach(pair -> {
			topics.addAll(pair.expected());
			topics.addAll(pair.predictedOrNone());
		});
		Map<String, ClassScores> scores = new LinkedHashMap<>();
		for (String topic : topics) {
			scores.put(topic, ClassScores.of(
					count(pairs, pair -> pair.expected().contains(topic) && pair.predictedOrNone().contains(topic)),
					count(pairs, pair -> pair.predictedOrNone().contains(topic)),
					count(pairs, pair -> pair.expected().contains(topic))));
		}
		long truePositives = scores.values().stream().mapToLong(ClassScores::truePositives).sum();
		double microPrecision = ratio(truePositives, scores.values().stream().mapToLong(ClassScores::predicted).sum());
		double microRecall = ratio(truePositives, scores.values().stream().mapToLong(ClassScores::support).sum());
		int unclassified = count(pairs, TopicsPair::unclassified);
		return new MultiLabelScores(pairs.size(), pairs.size() - unclassified, unclassified,
				ratio(count(pairs, TopicsPair::isExactMatch), pairs.size()), macroF1(scores), microPrecision,
				microRecall, f1(microPrecision, microRecall), scores);
	}

	/** {@code numerator / denominator}, and 0 when the denominator is 0 (the 0/0 rule above). */
	static double ratio(long numerator, long denominator) {
		return denominator == 0 ? 0 : (double) numerator / denominator;
	}

	static double f1(double precision, double recall) {
		return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
	}

	private static double macroF1(Map<String, ClassScores> scores) {
		return scores.values().stream().mapToDouble(ClassScores::f1).average().orElse(0);
	}

	private static <T> int count(List<T> pairs, Predicate<T> condition) {
		return (int) pairs.stream().filter(condition).count();
	}

	/**
	 * One record of a single-label field.
	 * @param predicted {@code null} when the model could not classify the record
	 */
	record LabelPair(String expected, String predicted) {

		LabelPair {
			Objects.requireNonNull(expected, "expected");
		}

		boolean unclassified() {
			return this.predicted == null;
		}

		boolean isRight() {
			return this.expected.equals(this.predicted);
		}

	}

	/**
	 * One record of the multi-label field.
	 * @param predicted {@code null} when the model could not classify the record
	 */
	record TopicsPair(Set<String> expected, Set<String> predicted) {

		TopicsPair {
			expected = Set.copyOf(expected);
			predicted = predicted == null ? null : Set.copyOf(predicted);
		}

		boolean unclassified() {
			return this.predicted == null;
		}

		Set<String> predictedOrNone() {
			return unclassified() ? Set.of() : this.predicted;
		}

		boolean isExactMatch() {
			return this.expected.equals(this.predicted);
		}

	}

}
