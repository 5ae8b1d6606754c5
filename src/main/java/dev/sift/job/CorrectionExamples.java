package dev.sift.job;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.sift.result.ResultFilter;
import dev.sift.result.ResultOrder;
import dev.sift.result.ResultStatus;
import dev.sift.result.ResultStore;
import dev.sift.result.StoredResult;
import dev.sift.source.SourceRecord;

/**
 * A job's reviewed results, the best labelled data a team has, as worked examples for the records most like them
 * ({@code model.examples-from-corrections}). Likeness is the cosine of word vectors weighted by how rare each word is
 * among the reviewed texts (TF-IDF): cheap, needs no model, and finds the corrections about the same things. Loaded
 * once per run, so a run's prompts use the corrections as they were when it started.
 */
final class CorrectionExamples {

	/** The most recent reviewed results kept; older ones are rarely the nearest and cost time per record. */
	static final int MAX_CORRECTIONS = 2000;

	static final CorrectionExamples NONE = new CorrectionExamples(List.of(), 0);

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

	private final List<StoredResult> corrections;

	private final List<Map<String, Double>> vectors;

	private final Map<String, Double> inverseFrequency = new HashMap<>();

	private final int count;

	CorrectionExamples(List<StoredResult> corrections, int count) {
		this.corrections = List.copyOf(corrections);
		this.count = count;
		Map<String, Integer> documents = new HashMap<>();
		List<Map<String, Integer>> terms = this.corrections.stream().map(result -> terms(result.inputText())).toList();
		terms.forEach(counts -> counts.keySet().forEach(term -> documents.merge(term, 1, Integer::sum)));
		documents.forEach((term, frequency) -> this.inverseFrequency.put(term,
				Math.log((1.0 + this.corrections.size()) / (1.0 + frequency)) + 1));
		this.vectors = terms.stream().map(this::vector).toList();
	}

	/**
	 * The reviewed results of these jobs, most recent first, up to {@link #MAX_CORRECTIONS}.
	 * @param jobs the job and every other job with the same task (a {@code task-from} spec and its origin), whose
	 * corrections are just as good
	 */
	static CorrectionExamples load(ResultStore results, List<String> jobs, int count) {
		if (count <= 0) {
			return NONE;
		}
		List<StoredResult> reviewed = new ArrayList<>();
		results.forEach(ResultFilter.ALL.withJobs(jobs).withStatuses(List.of(ResultStatus.REVIEWED)),
				ResultOrder.NEWEST_FIRST,
				result -> {
					if (reviewed.size() < MAX_CORRECTIONS && !result.labels().isEmpty()) {
						reviewed.add(result);
					}
				});
		return new CorrectionExamples(reviewed, count);
	}

	/**
	 * The reviewed results most like the record, most like first: never the record's own result (its label would be
	 * the answer) nor one of the same text, and none that shares no word with it.
	 */
	List<StoredResult> nearest(SourceRecord record) {
		if (this.count == 0 || this.corrections.isEmpty()) {
			return List.of();
		}
		Map<String, Double> query = vector(terms(record.text()));
		String text = record.text().strip();
		List<Map.Entry<StoredResult, Double>> scored = new ArrayList<>();
		for (int i = 0; i < this.corrections.size(); i++) {
			StoredResult correction = this.corrections.get(i);
			boolean sameRecord = correction.recordId().equals(record.id()) && correction.source().equals(record.source());
			boolean sameText = text.equals(correction.inputText() == null ? "" : correction.inputText().strip());
			double score = cosine(query, this.vectors.get(i));
			if (!sameRecord && !sameText && score > 0) {
				scored.add(Map.entry(correction, score));
			}
		}
		return scored.stream()
			.sorted(Map.Entry.<StoredResult, Double>comparingByValue().reversed())
			.limit(this.count)
			.map(Map.Entry::getKey)
			.toList();
	}

	private Map<String, Double> vector(Map<String, Integer> terms) {
		Map<String, Double> vector = new HashMap<>();
		double[] norm = { 0 };
		terms.forEach((term, frequency) -> {
			double weight = frequency * this.inverseFrequency.getOrDefault(term, 0.0);
			vector.put(term, weight);
			norm[0] += weight * weight;
		});
		double length = Math.sqrt(norm[0]);
		if (length > 0) {
			vector.replaceAll((term, weight) -> weight / length);
		}
		return vector;
	}

	private static double cosine(Map<String, Double> a, Map<String, Double> b) {
		double sum = 0;
		for (Map.Entry<String, Double> entry : a.entrySet()) {
			Double other = b.get(entry.getKey());
			if (other != null) {
				sum += entry.getValue() * other;
			}
		}
		return sum;
	}

	private static Map<String, Integer> terms(String text) {
		Map<String, Integer> terms = new HashMap<>();
		Matcher word = WORD.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
		while (word.find()) {
			terms.merge(word.group(), 1, Integer::sum);
		}
		return terms;
	}

}
