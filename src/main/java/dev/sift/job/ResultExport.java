package dev.sift.job;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.sift.definition.JobSpec;
import dev.sift.definition.PostgresSourceSpec;
import dev.sift.result.ResultRepository;
import dev.sift.source.PostgresWriteBack;

/** Where a job's results go after a run besides the results table: a CSV file, and columns of the source table. */
final class ResultExport {

	private static final Logger log = LoggerFactory.getLogger(ResultExport.class);

	private static final int WRITE_BACK_BATCH = 500;

	private final JobSpec spec;

	private final TaskPrompt prompt;

	private final ResultRepository results;

	private final JdbcTemplate jdbc;

	ResultExport(JobSpec spec, TaskPrompt prompt, ResultRepository results, JdbcTemplate jdbc) {
		this.spec = spec;
		this.prompt = prompt;
		this.results = results;
		this.jdbc = jdbc;
	}

	long csv(String source, String promptVersion, Path output) {
		long rows = this.results.exportCsv(source, promptVersion, this.prompt.fieldNames(), output);
		log.info("Exported {} results of {} to {}", rows, this.spec.name(), output.toAbsolutePath());
		return rows;
	}

	/**
	 * Sets the write-back columns of every row with an {@code ok} result. Drafts are not {@code ok}, so generated
	 * text never reaches the source before a person approves it.
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
		this.results.forEachOkResult(source, promptVersion, (recordId, labels) -> {
			List<String> row = new ArrayList<>();
			columnByField.keySet().forEach(field -> row.add(ResultRepository.textValue(labels.get(field))));
			row.add(recordId);
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
