package dev.sift.job;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sift.definition.CsvSourceSpec;
import dev.sift.definition.JobSpec;
import dev.sift.result.ResultColumns;
import dev.sift.result.ResultColumns.InputRow;
import dev.sift.result.ResultStore;
import dev.sift.result.StoredResult;
import dev.sift.source.CsvSourceReader;
import dev.sift.source.CsvSourceSettings;
import dev.sift.source.SourceRecord;
import dev.sift.support.ClosestName;

/**
 * The results CSV a run writes for its input. It reads every record the job has stored for the input, so it holds
 * more than the last run wrote: a resumed or limited run exports everything. The CSV of a CSV input is that input with
 * the results added: the input is read again, the way the run read it, and joined with the stored results a batch of
 * records at a time.
 */
final class ResultExport {

	private static final Logger log = LoggerFactory.getLogger(ResultExport.class);

	/** Records of a CSV input whose results are looked up in one query while the input's results file is written. */
	private static final int EXPORT_BATCH = 500;

	private final JobSpec spec;

	private final TaskPrompt prompt;

	private final ResultStore results;

	ResultExport(JobSpec spec, TaskPrompt prompt, ResultStore results) {
		this.spec = spec;
		this.prompt = prompt;
		this.results = results;
	}

	/**
	 * Writes the results file of one input, replacing the file in one step. For a CSV input: one row per record of
	 * the input, in file order, with the input's (selected) columns, then the fields, status and reason; a record no
	 * run has processed yet has them empty. For a PostgreSQL source: one row per stored result, in source order.
	 * @return the number of rows written
	 */
	long csv(String source, String promptVersion, Path output) {
		long rows;
		if (this.spec.source() instanceof CsvSourceSpec csv) {
			rows = enrichedCsv(csv.settingsFor(Path.of(source)), source, promptVersion, output);
		}
		else {
			rows = ResultColumns.ofJob(this.prompt.fieldNames())
				.writeFile(output, StandardCharsets.UTF_8,
						row -> this.results.forEachRecord(this.spec.name(), source, promptVersion, row));
		}
		log.info("Exported {} results of {} to {}", rows, this.spec.name(), output.toAbsolutePath());
		return rows;
	}

	private long enrichedCsv(CsvSourceSettings settings, String source, String promptVersion, Path output) {
		List<String> header = CsvSourceReader.header(settings);
		List<Integer> selected = this.spec.outputs().inputColumns().isEmpty()
				? IntStream.range(0, header.size()).boxed().toList()
				: this.spec.outputs().inputColumns().stream().map(column -> indexOf(column, header, settings)).toList();
		return ResultColumns.withInput(selected.stream().map(header::get).toList(), this.prompt.fieldNames())
			.writeFile(output, StandardCharsets.UTF_8, rows -> {
				List<SourceRecord> records = new ArrayList<>();
				List<List<String>> values = new ArrayList<>();
				CsvSourceReader.forEachRow(settings, (record, row) -> {
					records.add(record);
					values.add(row.isEmpty() ? row : selected.stream().map(row::get).toList());
					if (records.size() == EXPORT_BATCH) {
						joined(records, values, source, promptVersion, rows);
					}
				});
				joined(records, values, source, promptVersion, rows);
			});
	}

	/** Hands the batch's records to {@code rows} with their stored results, then empties the batch. */
	private void joined(List<SourceRecord> records, List<List<String>> values, String source, String promptVersion,
			Consumer<InputRow> rows) {
		Map<String, StoredResult> latest = this.results.latestByRecord(this.spec.name(), source, promptVersion,
				records.stream().map(SourceRecord::id).toList());
		for (int i = 0; i < records.size(); i++) {
			rows.accept(new InputRow(values.get(i), latest.get(records.get(i).id())));
		}
		records.clear();
		values.clear();
	}

	/** Matched as the source's columns are: exactly, or else ignoring case and surrounding blanks if only one fits. */
	private int indexOf(String column, List<String> header, CsvSourceSettings settings) {
		int exact = header.indexOf(column);
		if (exact >= 0) {
			return exact;
		}
		List<Integer> matches = IntStream.range(0, header.size())
			.filter(index -> ClosestName.normalize(header.get(index)).equals(ClosestName.normalize(column)))
			.boxed()
			.toList();
		if (matches.size() == 1) {
			return matches.get(0);
		}
		String problem = matches.isEmpty()
				? "no column '" + column + "'" + ClosestName.to(column, header)
					.map(closest -> " (did you mean '" + closest + "'?)")
					.orElse("")
				: matches.size() + " columns '" + column + "'";
		throw new IllegalStateException(settings.file() + " has " + problem + " (outputs.input-columns of "
				+ this.spec.file() + "); columns: " + String.join(", ", header) + ". Fix the spec (validate checks it) "
				+ "and run the job again: the results stored by this run are kept and exported then, without asking "
				+ "the model again.");
	}

}
