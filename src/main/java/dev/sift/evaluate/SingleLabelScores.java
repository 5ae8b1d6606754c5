package dev.sift.evaluate;

import java.util.Map;

/**
 * The scores of a single-label field (sentiment, urgency, language).
 *
 * @param classes per-class scores, classes sorted, every class that was expected or predicted
 */
record SingleLabelScores(int records, int classified, int unclassified, double accuracy, double macroF1,
		Map<String, ClassScores> classes, ConfusionMatrix confusion) implements FieldScores {

	@Override
	public double headlineAccuracy() {
		return this.accuracy;
	}

}
