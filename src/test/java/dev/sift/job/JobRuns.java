package dev.sift.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import dev.sift.run.JobRunner;
import dev.sift.source.SourceNames;
import dev.sift.testing.TestDatabase;

/** Runs shipped jobs end to end the way the command line does, and reads back what they stored. */
final class JobRuns {

	private final JobRunner runner;

	private final SpecJobs jobs;

	private final JdbcTemplate jdbc;

	JobRuns(JobRunner runner, SpecJobs jobs, JdbcTemplate jdbc) {
		this.runner = runner;
		this.jobs = jobs;
		this.jdbc = jdbc;
	}

	/** Loads a shipped sample table ({@code sql/samples/<name>.sql}) afresh. */
	static void loadSampleTable(String name) {
		new ResourceDatabasePopulator(new FileSystemResource("sql/samples/" + name + ".sql"))
			.execute(TestDatabase.dataSource());
	}

	/** Runs {@code job} on its only input (the spec's file, or its table) or on {@code input}. */
	JobExecution run(String job, String input, Path output) throws Exception {
		return run(job, input, output, RunOptions.DEFAULTS);
	}

	/** Runs {@code job} as {@link #run(String, String, Path)} does, with these options. */
	JobExecution run(String job, String input, Path output, RunOptions options) throws Exception {
		String only = input != null ? input : this.jobs.inputs(this.jobs.specs().get(job), null).get(0);
		return this.runner.run(this.jobs.job(job), SpecJobs.runParameters(only, output, options), SpecJobs.INPUT);
	}

	/** Every stored result of a job's source (a path as given, or {@code postgres:...}), in source order. */
	List<Map<String, Object>> results(String job, String source) {
		return this.jdbc.queryForList("""
				SELECT record_id, source_line, status, reason, raw_output, labels::text AS labels
				FROM classification_result WHERE job_name = ? AND source = ? ORDER BY source_line, record_id
				""", job, SourceNames.canonical(source));
	}

	static long written(JobExecution execution) {
		return processStep(execution).getWriteCount();
	}

	static long read(JobExecution execution) {
		return processStep(execution).getReadCount();
	}

	private static StepExecution processStep(JobExecution execution) {
		return execution.getStepExecutions()
			.stream()
			.filter(step -> step.getStepName().equals(SpecJobs.PROCESS_STEP))
			.findFirst()
			.orElseThrow();
	}

	/** Rows by record id; each record may be there once only. */
	static Map<String, Map<String, Object>> byRecord(List<Map<String, Object>> rows) {
		assertThat(rows).extracting(row -> row.get("record_id")).doesNotHaveDuplicates();
		return rows.stream().collect(Collectors.toMap(row -> (String) row.get("record_id"), Function.identity()));
	}

	/** The labels of a row as {@link #results} reads it. */
	@SuppressWarnings("unchecked")
	static Map<String, Object> labels(Map<String, Object> row) {
		return JsonMapper.shared().readValue((String) row.get("labels"), Map.class);
	}

}
