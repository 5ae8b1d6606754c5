package dev.sift.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Counts of classified records by expected class (rows) and predicted class (columns), in the order of
 * {@code classes}. Unclassified records predict no class, so they are in no cell: each row sums to the classified
 * records of its class.
 */
record ConfusionMatrix(List<String> classes, List<List<Long>> counts) {

	static ConfusionMatrix of(List<String> classes, List<Metrics.LabelPair> pairs) {
		long[][] cells = new long[classes.size()][classes.size()];
		pairs.stream()
			.filter(pair -> !pair.unclassified())
			.forEach(pair -> cells[classes.indexOf(pair.expected())][classes.indexOf(pair.predicted())]++);
		List<List<Long>> counts = new ArrayList<>();
		for (long[] row : cells) {
			counts.add(Arrays.stream(row).boxed().toList());
		}
		return new ConfusionMatrix(List.copyOf(classes), List.copyOf(counts));
	}

	long count(String expected, String predicted) {
		return this.counts.get(this.classes.indexOf(expected)).get(this.classes.indexOf(predicted));
	}

}
