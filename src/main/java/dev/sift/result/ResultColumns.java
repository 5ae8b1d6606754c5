package dev.sift.result;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import dev.sift.support.CsvWriter;
import dev.sift.support.CsvWriter.Column;

/** The columns results are exported with as CSV: which record, its status, one column per field, and why. */
public final class ResultColumns {

	private ResultColumns() {
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

}
