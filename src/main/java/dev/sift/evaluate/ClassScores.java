package dev.sift.evaluate;

/**
 * Precision, recall and F1 of one class (or topic), with the counts they come from.
 *
 * @param truePositives records expected and predicted in the class
 * @param predicted records predicted in the class
 * @param support records expected in the class, unclassified ones included
 */
record ClassScores(long truePositives, long predicted, long support, double precision, double recall, double f1) {

	static ClassScores of(long truePositives, long predicted, long support) {
		double precision = Metrics.ratio(truePositives, predicted);
		double recall = Metrics.ratio(truePositives, support);
		return new ClassScores(truePositives, predicted, support, precision, recall, Metrics.f1(precision, recall));
	}

}
