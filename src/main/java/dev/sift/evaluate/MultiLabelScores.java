package dev.sift.evaluate;

import java.util.Map;

/**
 * The scores of the multi-label field (topics), each record a set of topics.
 *
 * @param exactMatchAccuracy share of records whose predicted set equals the expected set
 * @param microPrecision true positives over predictions, summed over all topics
 * @param microRecall true positives over expected topics, summed over all topics
 * @param topics per-topic scores, topics sorted, every topic that was expected or predicted
 */
record MultiLabelScores(int records, int classified, int unclassified, double exactMatchAccuracy, double macroF1,
		double microPrecision, double microRecall, double microF1, Map<String, ClassScores> topics)
		implements FieldScores {

	@Override
	public double headlineAccuracy() {
		return this.exactMatchAccuracy;
	}

}
