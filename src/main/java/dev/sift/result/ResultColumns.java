package dev.sift.result;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

import dev.sift.support.ClosestName;
import dev.sift.support.CsvWriter;
import dev.sift.support.CsvWriter.Column;

/** The columns results are exported with as CSV: which record, its status, one column per field, and why. */
public final class ResultColumns {

	/** Put before the name of a column of Sift's that an input column already has. */
	public static final String CLASH_PREFIX = "sift_";

	private ResultColumns() {
	}

	/**
	 * A CSV job's results file: the input's columns as they were, then one column per field (lists joined with "; "),
	 * the status and the reason. A field, {@code status} or {@code reason} named like an input column (ignoring case
	 * and surrounding blanks, as source columns are matched) is prefixed with {@link #CLASH_PREFIX} until it is not.
	 * @param inputColumns the names of the input's columns the file carries, in order
	 */
	public static CsvWriter<InputRow> withInput(List<String> inputColumns, List<String> fieldNames) {
		List<Column<InputRow>> columns = new ArrayList<>();
		Set<String> taken = new HashSet<>();
		for (int i = 0; i < inputColumns.size(); i++) {
			int index = i;
			columns.add(new Column<>(inputColumns.get(i), row -> row.value(index)));
			taken.add(ClosestName.normalize(inputColumns.get(i)));
		}
		for (String field : fieldNames) {
			columns.add(new Column<>(unclashed(field, taken),
					row -> row.result() == null ? "" : row.result().labelText(field)));
		}
		columns.add(new Column<>(unclashed("status", taken),
				row -> row.result() == null ? "" : row.result().status().code()));
		columns.add(new Column<>(unclashed("reason", taken),
				row -> row.result() == null ? "" : row.result().reason()));
		return CsvWriter.of(columns);
	}

	private static String unclashed(String name, Set<String> taken) {
		String unique = name;
		while (!taken.add(ClosestName.normalize(unique))) {
			unique = CLASH_PREFIX + unique;
		}
		return unique;
	}

	/**
	 * A job's results file: record id, line and status, one column per field (lists joined with "; "), then the
	 * reason, attempts, model and prompt version.
	 */
	public static CsvWriter<StoredResult> ofJob(List<String> fieldNames) {
		List<Column<StoredResult>> columns = new ArrayList<>(List.of(new Column<>("record_id", StoredResult::recordId),
				new Column<>("source_line", StoredResult::sourceLine), new Column<>("status", result -> result.status().code())));
		columns.addAll(fields(fieldNames));
		columns.addAll(provenance());
		return CsvWriter.of(columns);
	}

	/**
	 * Results of any jobs and sources: the result's id, job, run and source first, then as {@link #ofJob}, and when
	 * it was stored.
	 * @param fieldNames one column each; when empty (results of several jobs), one {@code labels} column of JSON
	 */
	public static CsvWriter<StoredResult> withOrigin(List<String> fieldNames) {
		List<Column<StoredResult>> columns = new ArrayList<>(List.of(new Column<>("id", StoredResult::id),
				new Column<>("job_name", StoredResult::job), new Column<>("job_instance_id", StoredResult::jobInstanceId),
				new Column<>("source", StoredResult::source), new Column<>("record_id", StoredResult::recordId),
				new Column<>("source_line", StoredResult::sourceLine), new Column<>("status", result -> result.status().code())));
		if (fieldNames.isEmpty()) {
			columns.add(new Column<>("labels",
					result -> result.labels().isEmpty() ? "" : JsonMapper.shared().writeValueAsString(result.labels())));
		}
		else {
			columns.addAll(fields(fieldNames));
		}
		columns.addAll(provenance());
		columns.add(new Column<>("updated_at", StoredResult::updatedAt));
		return CsvWriter.of(columns);
	}

	private static List<Column<StoredResult>> fields(List<String> fieldNames) {
		return fieldNames.stream()
			.map(name -> new Column<StoredResult>(name, result -> result.labelText(name)))
			.toList();
	}

	private static List<Column<StoredResult>> provenance() {
		return List.of(new Column<>("reason", StoredResult::reason), new Column<>("attempts", StoredResult::attempts),
				new Column<>("model", StoredResult::model), new Column<>("prompt_version", StoredResult::promptVersion));
	}

	/**
	 * One row of {@link #withInput}: a record's values in the file's columns and its stored result.
	 * @param values one per input column, or none when the record's row could not be split into the file's columns
	 * @param result {@code null} when no run has processed the record yet
	 */
	public record InputRow(List<String> values, StoredResult result) {

		public InputRow {
			values = List.copyOf(values);
		}

		String value(int index) {
			return this.values.isEmpty() ? "" : this.values.get(index);
		}

	}

}
