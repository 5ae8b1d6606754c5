package dev.sift.output;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.sift.definition.JobSpec;
import dev.sift.definition.PostgresSourceSpec;
import dev.sift.result.ResultStatus;
import dev.sift.result.ResultStore;
import dev.sift.result.StoredResult;
import dev.sift.source.PostgresWriteBack;

/**
 * Where results go in the database besides Sift's own results store: the job's results table
 * ({@code outputs.table}), kept as each chunk commits, and the source table's write-back columns
 * ({@code outputs.write-back}), set after each run and whenever a person decides on a result.
 * <p>
 * Both are written from what the results store holds, never from what a run just produced, so a label a reviewer
 * corrected stays corrected when a run reprocesses the record.
 */
@Component
public class Outputs {

	private static final Logger log = LoggerFactory.getLogger(Outputs.class);

	/** Labels a person checked, approved copy, and valid classifications: never drafts or rejected copy. */
	private static final Set<ResultStatus> WRITTEN_BACK = Set.of(ResultStatus.OK, ResultStatus.REVIEWED,
			ResultStatus.APPROVED);

	private static final int BATCH = 500;

	private final JdbcTemplate jdbc;

	private final ResultStore results;

	public Outputs(JdbcTemplate jdbc, ResultStore results) {
		this.jdbc = jdbc;
		this.results = results;
	}

	/**
	 * Creates the job's results table if there is none, with a row for each record the job already has a result of,
	 * and checks that an existing one fits. Called when a run starts, before a record is read.
	 * @throws ItemStreamException saying what does not fit and how to fix it
	 */
	public void prepare(JobSpec spec, String promptVersion) {
		Optional<ResultsTable> table = table(spec);
		if (table.isEmpty()) {
			return;
		}
		List<String> problems = table.get().problems(this.jdbc);
		if (!problems.isEmpty()) {
			throw new ItemStreamException("results table " + table.get().displayName() + " of job " + spec.name()
					+ " does not fit: " + String.join("; ", problems) + ". Sift never alters a table it did not create: "
					+ "drop it (the next run creates it again from the stored results), change it, or name another "
					+ "in outputs.table");
		}
		if (table.get().exists(this.jdbc)) {
			return;
		}
		table.get().create(this.jdbc);
		long rows = 0;
		for (String source : this.results.sources(spec.name())) {
			String after = "";
			for (List<StoredResult> page = this.results.latestAfter(spec.name(), source, promptVersion, after,
					BATCH); !page.isEmpty(); page = this.results.latestAfter(spec.name(), source, promptVersion, after,
							BATCH)) {
				table.get().upsert(this.jdbc, page);
				rows += page.size();
				after = page.get(page.size() - 1).recordId();
			}
		}
		log.info("Created results table {} of {} with the {} results stored before", table.get().displayName(),
				spec.name(), rows);
	}

	/** What keeps the job's results table from being written; empty when it fits, does not exist yet or is none. */
	List<String> tableProblems(JobSpec spec) {
		return table(spec).map(table -> table.problems(this.jdbc)).orElse(List.of());
	}

	/** Whether the job's results table exists yet; {@code false} when it has none. */
	Optional<String> existingTable(JobSpec spec) {
		return table(spec).filter(table -> table.exists(this.jdbc)).map(ResultsTable::displayName);
	}

	/**
	 * Brings the results table up to date with the stored results of these records, in the caller's transaction:
	 * a chunk's, so the table shows a run's progress and a rolled back chunk leaves no row.
	 */
	public void stored(JobSpec spec, String source, String promptVersion, Collection<String> recordIds) {
		table(spec).ifPresent(table -> table.upsert(this.jdbc,
				List.copyOf(this.results.latestByRecord(spec.name(), source, promptVersion, recordIds).values())));
	}

	/**
	 * Writes a person's decision on a result, already stored, in the caller's transaction: its row of the results
	 * table (once a run has created the table), and for reviewed labels and approved copy the source row's
	 * write-back columns. Nothing is written for a result that is no longer its record's current one.
	 * @return what was written where
	 */
	public List<Written> decided(JobSpec spec, String promptVersion, StoredResult decided) {
		StoredResult result = this.results
			.latestByRecord(spec.name(), decided.source(), promptVersion, List.of(decided.recordId()))
			.get(decided.recordId());
		if (result == null || result.id() != decided.id()) {
			return List.of();
		}
		List<Written> written = new ArrayList<>();
		table(spec).filter(table -> table.exists(this.jdbc)).ifPresent(table -> {
			table.upsert(this.jdbc, List.of(result));
			written.add(new Written(table.displayName(), table.row(result)));
		});
		writeBack(spec).filter(writeBack -> WRITTEN_BACK.contains(result.status())).ifPresent(writeBack -> {
			if (writeBack.update(List.of(writeBackRow(spec, result))) > 0) {
				Map<String, Object> values = new LinkedHashMap<>();
				List<String> fields = List.copyOf(spec.outputs().writeBack().keySet());
				for (int i = 0; i < fields.size(); i++) {
					values.put(writeBack.columns().get(i), result.labelText(fields.get(i)));
				}
				written.add(new Written(writeBack.row(result.recordId()), values));
			}
		});
		return written;
	}

	/**
	 * Sets the write-back columns of every record of the source whose result is {@code ok}, reviewed or approved,
	 * with the values a person checked where one did. Drafts and rejected copy never reach the source.
	 * @return the number of rows updated
	 */
	public long writeBack(JobSpec spec, String source, String promptVersion) {
		Optional<PostgresWriteBack> writeBack = writeBack(spec);
		if (writeBack.isEmpty()) {
			return 0;
		}
		List<List<String>> batch = new ArrayList<>();
		long[] updated = { 0 };
		this.results.forEachRecord(spec.name(), source, promptVersion, result -> {
			if (!WRITTEN_BACK.contains(result.status())) {
				return;
			}
			batch.add(writeBackRow(spec, result));
			if (batch.size() == BATCH) {
				updated[0] += writeBack.get().update(batch);
				batch.clear();
			}
		});
		updated[0] += writeBack.get().update(batch);
		log.info("Wrote {} of {} back to {} columns {}", updated[0], spec.name(), writeBack.get().table(),
				writeBack.get().columns());
		return updated[0];
	}

	private Optional<ResultsTable> table(JobSpec spec) {
		return spec.outputs()
			.resultsTable()
			.map(name -> ResultsTable.of(spec, name,
					this.jdbc.queryForObject("SELECT current_schema()", String.class)));
	}

	private Optional<PostgresWriteBack> writeBack(JobSpec spec) {
		Map<String, String> columnByField = spec.outputs().writeBack();
		if (columnByField.isEmpty() || !(spec.source() instanceof PostgresSourceSpec postgres)
				|| postgres.table() == null) {
			return Optional.empty();
		}
		return Optional.of(new PostgresWriteBack(this.jdbc, postgres.table(), postgres.idColumn(),
				List.copyOf(columnByField.values())));
	}

	/** The values of the write-back columns in their order, then the record's id. */
	private static List<String> writeBackRow(JobSpec spec, StoredResult result) {
		List<String> row = new ArrayList<>();
		spec.outputs().writeBack().keySet().forEach(field -> row.add(result.labelText(field)));
		row.add(result.recordId());
		return row;
	}

}
