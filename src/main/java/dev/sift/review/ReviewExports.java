package dev.sift.review;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.springframework.stereotype.Component;

import dev.sift.definition.FieldSpec.FieldType;
import dev.sift.definition.FieldSpec;
import dev.sift.definition.JobSpec;
import dev.sift.result.ResultRepository;
import dev.sift.result.ResultStatus;

/** Reviewed results as CSV files: labelled data for {@code evaluate}, and approved copy. */
@Component
class ReviewExports {

	private final ReviewResults results;

	ReviewExports(ReviewResults results) {
		this.results = results;
	}

	/**
	 * The reviewed results of a classify job as a labelled file {@code evaluate} reads with the same job: its id
	 * column, its text columns, its extra columns, then one column per label field (several labels joined with
	 * {@code ;}). The stored text is the record's text columns joined, so it all goes in the first text column.
	 */
	void labelled(JobSpec spec, Writer writer) {
		List<FieldSpec> labelFields = spec.task()
			.fields()
			.stream()
			.filter(field -> field.type() == FieldType.LABEL || field.type() == FieldType.LABELS)
			.toList();
		List<String> header = new ArrayList<>(List.of(idColumn(spec)));
		header.addAll(spec.source().recordColumns());
		labelFields.forEach(field -> header.add(field.name()));
		write(writer, header, ResultStatus.REVIEWED, spec, item -> {
			List<String> row = new ArrayList<>(List.of(item.recordId()));
			List<String> textColumns = spec.source().textColumns();
			for (String column : spec.source().recordColumns()) {
				row.add(column.equals(textColumns.get(0)) ? nullToEmpty(item.inputText())
						: textColumns.contains(column) ? "" : item.fields().getOrDefault(column, ""));
			}
			labelFields.forEach(field -> row.add(joined(item.labels().get(field.name()), ";")));
			return row;
		});
	}

	/** The approved copy of a generate job: the record id, then each field (list items joined with "; "). */
	void approvedCopy(JobSpec spec, Writer writer) {
		List<String> header = new ArrayList<>(List.of(idColumn(spec)));
		spec.task().fields().forEach(field -> header.add(field.name()));
		write(writer, header, ResultStatus.APPROVED, spec, item -> {
			List<String> row = new ArrayList<>(List.of(item.recordId()));
			spec.task().fields().forEach(field -> row.add(ResultRepository.textValue(item.labels().get(field.name()))));
			return row;
		});
	}

	private void write(Writer writer, List<String> header, ResultStatus status, JobSpec spec,
			Function<ReviewItem, List<String>> row) {
		try {
			CSVPrinter csv = new CSVPrinter(writer,
					CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get());
			this.results.forEach(spec.name(), status, item -> {
				try {
					csv.printRecord(row.apply(item));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			csv.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A CSV source without an id column identifies records by line; evaluate then reads a column named id. */
	private static String idColumn(JobSpec spec) {
		return spec.source().idColumn().isEmpty() ? "id" : spec.source().idColumn();
	}

	private static String joined(Object value, String separator) {
		if (value instanceof List<?> list) {
			return String.join(separator, list.stream().map(String::valueOf).toList());
		}
		return value == null ? "" : String.valueOf(value);
	}

	private static String nullToEmpty(String text) {
		return text == null ? "" : text;
	}

}
