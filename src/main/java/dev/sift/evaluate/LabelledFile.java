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

import dev.sift.result.ResultStatus;
import dev.sift.result.StoredResult;
import dev.sift.source.CsvSourceReader;
import dev.sift.source.CsvSourceSettings;
import dev.sift.source.SourceRecord;

/**
 * The expected labels of a labelled CSV file: a column per label field of the job (named like the field) beside the
 * job's id and text columns; multi-label values are separated by {@code ;}. A missing column is not evaluated; a
 * blank cell leaves that record out of that field only.
 *
 * @param fields the label columns the file has, in the job's field order
 * @param records the expected labels of each record, by field; single-label fields hold one value
 */
record LabelledFile(List<String> fields, Map<String, LabelField> labelFields, List<Expected> records) {

	/**
	 * A field that can be scored: its allowed values, and whether a record has several.
	 */
	record LabelField(List<String> values, boolean multiLabel) {
	}

	/**
	 * @param labelFields the job's label fields with the values each may hold, in the job's order
	 * @throws IllegalArgumentException naming file, line and column of the first unknown value or unreadable row
	 */
	static LabelledFile read(CsvSourceSettings settings, Map<String, LabelField> labelFields) {
		Set<String> header = CsvSourceReader.header(settings)
			.stream()
			.map(name -> name.strip().toLowerCase(Locale.ROOT))
			.collect(Collectors.toSet());
		List<String> fields = labelFields.keySet().stream().filter(header::contains).toList();
		if (fields.isEmpty()) {
			throw new IllegalArgumentException(settings.file() + ": no label column to evaluate; expected one or more "
					+ "of " + String.join(", ", labelFields.keySet()));
		}
		CsvSourceReader reader = new CsvSourceReader(settings.withExtraColumns(fields.toArray(String[]::new)));
		reader.open(new ExecutionContext());
		try {
			List<Expected> records = new ArrayList<>();
			for (SourceRecord record = reader.read(); record != null; record = reader.read()) {
				records.add(expected(record, fields, labelFields));
			}
			return new LabelledFile(fields, Map.copyOf(labelFields), List.copyOf(records));
		}
		finally {
			reader.close();
		}
	}

	/** The scores of each field the file has, predictions taken from the stored results by record id. */
	Map<String, FieldScores> scoreAgainst(Map<String, StoredResult> results) {
		Map<String, FieldScores> scores = new LinkedHashMap<>();
		for (String field : this.fields) {
			List<Expected> labelled = this.records.stream()
				.filter(record -> record.labels().containsKey(field))
				.toList();
			scores.put(field, this.labelFields.get(field).multiLabel()
					? Metrics.multiLabel(topicsPairs(labelled, results, field))
					: Metrics.singleLabel(labelPairs(labelled, results, field)));
		}
		return scores;
	}

	private static List<Metrics.LabelPair> labelPairs(List<Expected> labelled, Map<String, StoredResult> results,
			String field) {
		return labelled.stream()
			.map(record -> new Metrics.LabelPair(record.labels().get(field).iterator().next(),
					predictedLabel(results.get(record.recordId()), field)))
			.toList();
	}

	private static List<Metrics.TopicsPair> topicsPairs(List<Expected> labelled, Map<String, StoredResult> results,
			String field) {
		return labelled.stream()
			.map(record -> new Metrics.TopicsPair(record.labels().get(field),
					predictedSet(results.get(record.recordId()), field)))
			.toList();
	}

	private static Expected expected(SourceRecord record, List<String> fields, Map<String, LabelField> allowed) {
		if (!record.fields().keySet().containsAll(fields)) {
			// Only a row that could not be split into columns comes without its fields.
			throw new IllegalArgumentException("Cannot read the expected labels: " + record.problem());
		}
		Map<String, Set<String>> labels = new LinkedHashMap<>();
		for (String field : fields) {
			Set<String> values = values(record.fields().get(field), allowed.get(field).multiLabel());
			for (String value : values) {
				if (!allowed.get(field).values().contains(value)) {
					throw new IllegalArgumentException(record.source() + " line " + record.line() + ", column '"
							+ field + "': unknown value '" + value + "'; allowed: "
							+ String.join(", ", allowed.get(field).values()));
				}
			}
			if (!values.isEmpty()) {
				labels.put(field, values);
			}
		}
		return new Expected(record.id(), labels);
	}

	private static Set<String> values(String cell, boolean multiLabel) {
		if (!multiLabel) {
			return cell.isBlank() ? Set.of() : Set.of(cell.strip());
		}
		return Arrays.stream(cell.split(";"))
			.map(String::strip)
			.filter(topic -> !topic.isEmpty())
			.collect(Collectors.toCollection(LinkedHashSet::new));
	}

	/** {@code null} when the record has no labels: not classified, or no stored result at all. */
	private static String predictedLabel(StoredResult result, String field) {
		Object value = isClassified(result) ? result.labels().get(field) : null;
		return value instanceof String || value instanceof Boolean ? String.valueOf(value) : null;
	}

	private static Set<String> predictedSet(StoredResult result, String field) {
		return isClassified(result) && result.labels().get(field) instanceof List<?> values
				? values.stream().map(String::valueOf).collect(Collectors.toSet()) : null;
	}

	private static boolean isClassified(StoredResult result) {
		return result != null && result.status() == ResultStatus.OK;
	}

	/** The expected labels of one record, by field. */
	record Expected(String recordId, Map<String, Set<String>> labels) {
	}

}
