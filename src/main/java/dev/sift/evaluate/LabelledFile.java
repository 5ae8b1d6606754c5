package dev.sift.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.sift.result.RecordLabels;
import dev.sift.result.ResultStatus;
import dev.sift.source.CsvSourceReader;
import dev.sift.source.CsvSourceSettings;
import dev.sift.source.SourceRecord;

/**
 * The expected labels of a labelled CSV file: columns named {@code sentiment}, {@code urgency}, {@code language} and
 * {@code topics} (separated by {@code ;}) beside the job's id and text columns. A missing column is not evaluated; a
 * blank cell leaves that record out of that field only.
 *
 * @param fields the label columns the file has, in {@link #FIELDS} order
 * @param records the expected labels of each record, by field; single-label fields hold one value
 */
record LabelledFile(List<String> fields, List<Expected> records) {

	static final String TOPICS = "topics";

	static final List<String> FIELDS = List.of("sentiment", "urgency", "language", TOPICS);

	/**
	 * @param allowedValues the values each field may hold
	 * @throws IllegalArgumentException naming file, line and column of the first unknown value or unreadable row
	 */
	static LabelledFile read(CsvSourceSettings settings, Map<String, List<String>> allowedValues) {
		Set<String> header = CsvSourceReader.header(settings)
			.stream()
			.map(name -> name.strip().toLowerCase(Locale.ROOT))
			.collect(Collectors.toSet());
		List<String> fields = FIELDS.stream().filter(header::contains).toList();
		if (fields.isEmpty()) {
			throw new IllegalArgumentException(settings.file() + ": no label column to evaluate; expected one or more "
					+ "of " + String.join(", ", FIELDS));
		}
		CsvSourceReader reader = new CsvSourceReader(settings.withExtraColumns(fields.toArray(String[]::new)));
		reader.open(new ExecutionContext());
		try {
			List<Expected> records = new ArrayList<>();
			for (SourceRecord record = reader.read(); record != null; record = reader.read()) {
				records.add(expected(record, fields, allowedValues));
			}
			return new LabelledFile(fields, List.copyOf(records));
		}
		finally {
			reader.close();
		}
	}

	/** The scores of each field the file has, predictions taken from the stored results by record id. */
	Map<String, FieldScores> scoreAgainst(Map<String, RecordLabels> results) {
		Map<String, FieldScores> scores = new LinkedHashMap<>();
		for (String field : this.fields) {
			List<Expected> labelled = this.records.stream()
				.filter(record -> record.labels().containsKey(field))
				.toList();
			scores.put(field, field.equals(TOPICS) ? Metrics.multiLabel(topicsPairs(labelled, results))
					: Metrics.singleLabel(labelPairs(labelled, results, field)));
		}
		return scores;
	}

	private static List<Metrics.LabelPair> labelPairs(List<Expected> labelled, Map<String, RecordLabels> results,
			String field) {
		return labelled.stream()
			.map(record -> new Metrics.LabelPair(record.labels().get(field).iterator().next(),
					predictedLabel(results.get(record.recordId()), field)))
			.toList();
	}

	private static List<Metrics.TopicsPair> topicsPairs(List<Expected> labelled, Map<String, RecordLabels> results) {
		return labelled.stream()
			.map(record -> new Metrics.TopicsPair(record.labels().get(TOPICS),
					predictedTopics(results.get(record.recordId()))))
			.toList();
	}

	private static Expected expected(SourceRecord record, List<String> fields, Map<String, List<String>> allowed) {
		if (!record.fields().keySet().containsAll(fields)) {
			// Only a row that could not be split into columns comes without its fields.
			throw new IllegalArgumentException("Cannot read the expected labels: " + record.problem());
		}
		Map<String, Set<String>> labels = new LinkedHashMap<>();
		for (String field : fields) {
			Set<String> values = values(record.fields().get(field), field);
			for (String value : values) {
				if (!allowed.get(field).contains(value)) {
					throw new IllegalArgumentException(record.source() + " line " + record.line() + ", column '"
							+ field + "': unknown value '" + value + "'; allowed: "
							+ String.join(", ", allowed.get(field)));
				}
			}
			if (!values.isEmpty()) {
				labels.put(field, values);
			}
		}
		return new Expected(record.id(), labels);
	}

	private static Set<String> values(String cell, String field) {
		if (!field.equals(TOPICS)) {
			return cell.isBlank() ? Set.of() : Set.of(cell.strip());
		}
		return Arrays.stream(cell.split(";"))
			.map(String::strip)
			.filter(topic -> !topic.isEmpty())
			.collect(Collectors.toCollection(LinkedHashSet::new));
	}

	/** {@code null} when the record has no labels: not classified, or no stored result at all. */
	private static String predictedLabel(RecordLabels result, String field) {
		return isClassified(result) && result.labels().get(field) instanceof String value ? value : null;
	}

	private static Set<String> predictedTopics(RecordLabels result) {
		return isClassified(result) && result.labels().get(TOPICS) instanceof List<?> topics
				? topics.stream().map(String::valueOf).collect(Collectors.toSet()) : null;
	}

	private static boolean isClassified(RecordLabels result) {
		return result != null && result.status() == ResultStatus.OK;
	}

	/** The expected labels of one record, by field. */
	record Expected(String recordId, Map<String, Set<String>> labels) {
	}

}
