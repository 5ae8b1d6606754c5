package dev.sift.evaluate;

/** The scores of one label field; {@code records = classified + unclassified}. */
sealed interface FieldScores permits SingleLabelScores, MultiLabelScores {

	int records();

	int classified();

	int unclassified();

	double macroF1();

	/** Accuracy of a single-label field, exact-match accuracy of a multi-label one. */
	double headlineAccuracy();

}
