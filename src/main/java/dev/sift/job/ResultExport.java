package dev.sift.job;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.sift.definition.JobSpec;
import dev.sift.definition.PostgresSourceSpec;
import dev.sift.result.ResultColumns;
import dev.sift.result.ResultStatus;
import dev.sift.result.ResultStore;
import dev.sift.source.PostgresWriteBack;

/**
 * Where a job's results go after a run besides the results table: a CSV file per input, and columns of the source
 * table. Both read every record the job has stored for the run's input, so they hold more than the last run wrote:
 * a resumed or limited run exports everything.
 */
final class ResultExport {

	private static final Logger log = LoggerFactory.getLogger(ResultExport.class);

	private static final int WRITE_BACK_BATCH = 500;

	private final JobSpec spec;

	private final TaskPrompt prompt;

	private final ResultStore results;

	private final JdbcTemplate jdbc;

	ResultExport(JobSpec spec, TaskPrompt prompt, ResultStore results, JdbcTemplate jdbc) {
		this.spec = spec;
		this.prompt = prompt;
		this.results = results;
		this.jdbc = jdbc;
	}

	long csv(String source, String promptVersion, Path output) {
		long rows = ResultColumns.ofJob(this.prompt.fieldNames())
			.writeFile(output, StandardCharsets.UTF_8,
					row -> this.results.forEachRecord(this.spec.name(), source, promptVersion, row));
		log.info("Exported {} results of {} to {}", rows, this.spec.name(), output.toAbsolutePath());
		return rows;
	}

	/**
	 * Sets the write-back columns of every row whose result is {@code ok}, or {@code reviewed} (then with the labels a
	 * person checked). Drafts are neither, so generated text never reaches the source before a person approves it.
	 * @return the number of rows updated
	 */
	long writeBack(String source, String promptVersion) {
		Map<String, String> columnByField = this.spec.outputs().writeBack();
		if (columnByField.isEmpty() || !(this.spec.source() instanceof PostgresSourceSpec postgres)) {
			return 0;
		}
		PostgresWriteBack writeBack = new PostgresWriteBack(this.jdbc, postgres.table(), postgres.idColumn(),
				List.copyOf(columnByField.values()));
		List<List<String>> batch = new ArrayList<>();
		long[] updated = { 0 };
		this.results.forEachRecord(this.spec.name(), source, promptVersion, result -> {
			if (result.status() != ResultStatus.OK && result.status() != ResultStatus.REVIEWED) {
				return;
			}
			List<String> row = new ArrayList<>();
			columnByField.keySet().forEach(field -> row.add(result.labelText(field)));
			row.add(result.recordId());
			batch.add(row);
			if (batch.size() == WRITE_BACK_BATCH) {
				updated[0] += writeBack.update(batch);
				batch.clear();
			}
		});
		updated[0] += writeBack.update(batch);
		log.info("Wrote {} of {} back to {} columns {}", updated[0], this.spec.name(), postgres.table(),
				columnByField.values());
		return updated[0];
	}

}
