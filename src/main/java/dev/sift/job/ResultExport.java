package dev.sift.job;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sift.definition.JobSpec;
import dev.sift.result.ResultColumns;
import dev.sift.result.ResultStore;

/**
 * The results CSV a run writes for its input. It reads every record the job has stored for the input, so it holds
 * more than the last run wrote: a resumed or limited run exports everything.
 */
final class ResultExport {

	private static final Logger log = LoggerFactory.getLogger(ResultExport.class);

	private final JobSpec spec;

	private final TaskPrompt prompt;

	private final ResultStore results;

	ResultExport(JobSpec spec, TaskPrompt prompt, ResultStore results) {
		this.spec = spec;
		this.prompt = prompt;
		this.results = results;
	}

	long csv(String source, String promptVersion, Path output) {
		long rows = ResultColumns.ofJob(this.prompt.fieldNames())
			.writeFile(output, StandardCharsets.UTF_8,
					row -> this.results.forEachRecord(this.spec.name(), source, promptVersion, row));
		log.info("Exported {} results of {} to {}", rows, this.spec.name(), output.toAbsolutePath());
		return rows;
	}

}
