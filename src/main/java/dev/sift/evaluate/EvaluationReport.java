package dev.sift.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * How the job's labels compare with the expected labels of a labelled file, field by field.
 *
 * @param input the labelled file
 * @param records the records of the file; each field counts those labelled in it
 * @param fields the scores of each label column the file has, in the job's field order
 */
public record EvaluationReport(String input, int records, Map<String, FieldScores> fields) {

	/** The table shows the confusion matrix of single-label fields with at most this many classes: readable ones. */
	private static final int MAX_CONFUSION_CLASSES = 6;

	public String toJson() {
		return JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(this);
	}

	public String toTable() {
		List<String> lines = new ArrayList<>();
		lines.add(format("%nEvaluation of %s: %d records", this.input, this.records));
		lines.add(format("%-10s %8s %10s %12s %9s %9s", "field", "records", "classified", "unclassified", "accuracy",
				"macro-F1"));
		this.fields.forEach((field, scores) -> lines.add(format("%-10s %8d %10d %12d %9.3f %9.3f%s", field,
				scores.records(), scores.classified(), scores.unclassified(), scores.headlineAccuracy(),
				scores.macroF1(), scores instanceof MultiLabelScores topics
						? format("  (accuracy = exact match; micro-F1 %.3f)", topics.microF1()) : "")));
		this.fields.forEach((field, scores) -> lines.addAll(classLines(field, scores)));
		this.fields.forEach((field, scores) -> {
			if (scores instanceof SingleLabelScores single
					&& single.confusion().classes().size() <= MAX_CONFUSION_CLASSES) {
				lines.addAll(confusionLines(field, single.confusion()));
			}
		});
		return String.join(System.lineSeparator(), lines);
	}

	private static List<String> classLines(String field, FieldScores scores) {
		Map<String, ClassScores> classes = scores instanceof MultiLabelScores topics ? topics.topics()
				: ((SingleLabelScores) scores).classes();
		List<String> lines = new ArrayList<>();
		lines.add(format("%n%-17s %9s %9s %9s %8s %10s", field, "precision", "recall", "F1", "support", "predicted"));
		classes.forEach((label, score) -> lines.add(format("  %-15s %9.3f %9.3f %9.3f %8d %10d", label,
				score.precision(), score.recall(), score.f1(), score.support(), score.predicted())));
		return lines;
	}

	private static List<String> confusionLines(String field, ConfusionMatrix confusion) {
		List<String> lines = new ArrayList<>();
		lines.add(format("%n%s confusion matrix (rows expected, columns predicted; unclassified records excluded)",
				field));
		StringBuilder header = new StringBuilder(format("  %-15s", ""));
		confusion.classes().forEach(label -> header.append(format(" %9s", label)));
		lines.add(header.toString());
		for (String expected : confusion.classes()) {
			StringBuilder row = new StringBuilder(format("  %-15s", expected));
			confusion.classes().forEach(predicted -> row.append(format(" %9d", confusion.count(expected, predicted))));
			lines.add(row.toString());
		}
		return lines;
	}

	private static String format(String pattern, Object... values) {
		return String.format(Locale.ROOT, pattern, values);
	}

}
