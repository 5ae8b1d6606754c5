package dev.sift.review;

import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.sift.definition.FieldSpec;
import dev.sift.definition.FieldSpec.FieldType;
import dev.sift.definition.JobSpec;
import dev.sift.result.ResultFilter;
import dev.sift.result.ResultOrder;
import dev.sift.result.ResultStatus;
import dev.sift.result.ResultStore;
import dev.sift.result.StoredResult;
import dev.sift.support.CsvWriter;
import dev.sift.support.CsvWriter.Column;

/** Reviewed results as CSV files: labelled data for {@code evaluate}, and approved copy. */
@Component
class ReviewExports {

	private final ResultStore results;

	ReviewExports(ResultStore results) {
		this.results = results;
	}

	/**
	 * The reviewed results of a classify job as a labelled file {@code evaluate} reads with the same job: its id
	 * column, its text columns, its extra columns, then one column per label field (several labels joined with
	 * {@code ; }). The stored text is the record's text columns joined, so it all goes in the first text column.
	 */
	void labelled(JobSpec spec, Writer writer) {
		List<Column<StoredResult>> columns = new ArrayList<>(List.of(idColumn(spec)));
		List<String> textColumns = spec.source().textColumns();
		for (String column : spec.source().recordColumns()) {
			columns.add(new Column<>(column, item -> column.equals(textColumns.get(0)) ? item.inputText()
					: textColumns.contains(column) ? "" : item.fields().get(column)));
		}
		spec.task()
			.fields()
			.stream()
			.filter(field -> field.type() == FieldType.LABEL || field.type() == FieldType.LABELS)
			.map(FieldSpec::name)
			.forEach(field -> columns.add(new Column<>(field, item -> item.labelText(field))));
		write(writer, spec, ResultStatus.REVIEWED, columns);
	}

	/** The approved copy of a generate job: the record id, then each field (list items joined with "; "). */
	void approvedCopy(JobSpec spec, Writer writer) {
		List<Column<StoredResult>> columns = new ArrayList<>(List.of(idColumn(spec)));
		spec.task().fields().forEach(field -> columns.add(new Column<>(field.name(), item -> item.labelText(field.name()))));
		write(writer, spec, ResultStatus.APPROVED, columns);
	}

	private void write(Writer writer, JobSpec spec, ResultStatus status, List<Column<StoredResult>> columns) {
		CsvWriter.of(columns)
			.write(writer, row -> this.results.forEach(
					ResultFilter.ofJob(spec.name()).withStatuses(List.of(status)), ResultOrder.SOURCE_ORDER, row));
	}

	/** A CSV source without an id column identifies records by line; evaluate then reads a column named id. */
	private static Column<StoredResult> idColumn(JobSpec spec) {
		return new Column<>(spec.source().idColumn().isEmpty() ? "id" : spec.source().idColumn(),
				StoredResult::recordId);
	}

}
