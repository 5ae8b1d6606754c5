package dev.sift.run;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.sift.cli.Command;
import dev.sift.cli.UsageException;
import dev.sift.definition.JobSpec;
import dev.sift.job.RunOptions;
import dev.sift.job.SpecJobs;

/**
 * {@code run JOB [input=FILE] [reprocess=true] [limit=N] [partitions=N]}: runs a job on its spec's source, or on the CSV file (or glob) given
 * (or resumes its unfinished run), prints a summary per input and exits with 0 when every run completed.
 */
@Component
public class RunCommand implements Command {

	private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

	private static final Set<String> OPTIONS = Set.of("input", "reprocess", "limit", "partitions");

	private final JobRunner jobRunner;

	private final SpecJobs jobs;

	private final RunViews runViews;

	private final JdbcTemplate jdbc;

	public RunCommand(JobRunner jobRunner, SpecJobs jobs, RunViews runViews, JdbcTemplate jdbc) {
		this.jobRunner = jobRunner;
		this.jobs = jobs;
		this.runViews = runViews;
		this.jdbc = jdbc;
	}

	@Override
	public String name() {
		return "run";
	}

	@Override
	public String usage() {
		return "JOB [input=FILE|GLOB] [reprocess=true] [limit=N] [partitions=N]: run a job (" + String.join(", ",
				this.jobs.specs().all().stream().map(JobSpec::name).toList()) + ")";
	}

	@Override
	public int run(List<String> arguments) throws Exception {
		if (arguments.isEmpty()) {
			throw new UsageException("Which job? usage: run " + usage());
		}
		JobSpec spec = this.jobs.specs().get(arguments.get(0));
		Map<String, String> options = options(arguments.subList(1, arguments.size()));
		List<String> inputs = this.jobs.inputs(spec, options.get("input"));
		RunOptions runOptions = new RunOptions(Boolean.parseBoolean(options.getOrDefault("reprocess", "false")),
				options.containsKey("limit") ? Long.valueOf(options.get("limit")) : null,
				options.containsKey("partitions") ? Integer.valueOf(options.get("partitions")) : null);
		int exitCode = 0;
		for (String input : inputs) {
			JobExecution execution;
			try {
				execution = this.jobRunner.run(this.jobs.job(spec.name()),
						SpecJobs.runParameters(input, SpecJobs.output(spec, input), runOptions), SpecJobs.INPUT);
			}
			catch (DataAccessException ex) {
				// Spring Batch could not even record how the run ended: the database is gone.
				log.error("Lost the database while the run of {} on {} was ending ({}). Start it again once the "
						+ "database is back: it resumes after its last committed chunk", spec.name(), input,
						ex.getMostSpecificCause().getMessage());
				return 1;
			}
			try {
				System.out.println(summarize(execution).render());
			}
			catch (DataAccessException ex) {
				log.error("Cannot read the figures of run {} of {}: the database does not answer ({})",
						execution.getId(), spec.name(), ex.getMostSpecificCause().getMessage());
			}
			if (execution.getStatus() != BatchStatus.COMPLETED) {
				log.error("Run {} of {} on {} ended {}: {}", execution.getId(), spec.name(), input,
						execution.getStatus(), RunFailures.reason(execution));
				exitCode = 1;
			}
		}
		return exitCode;
	}

	private static Map<String, String> options(List<String> words) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String word : words) {
			int equals = word.indexOf('=');
			String name = equals < 0 ? word : word.substring(0, equals);
			if (!OPTIONS.contains(name)) {
				throw new UsageException("Unknown option '" + word + "'; options: input=FILE, reprocess=true, limit=N, "
						+ "partitions=N");
			}
			options.put(name, equals < 0 ? "true" : word.substring(equals + 1));
		}
		return options;
	}

	/** The run's summary; the results CSV only when the run's export step wrote it. */
	private RunSummary summarize(JobExecution execution) {
		String csv = execution.getStepExecutions()
			.stream()
			.filter(step -> step.getStepName().equals(SpecJobs.EXPORT_STEP))
			.filter(step -> step.getStatus() == BatchStatus.COMPLETED)
			.filter(step -> step.getExecutionContext().containsKey(SpecJobs.EXPORTED))
			.findFirst()
			.map(step -> Path.of(execution.getJobParameters().getString(SpecJobs.OUTPUT)).toAbsolutePath().toString())
			.orElse(null);
		return new RunSummary(this.runViews.find(execution.getId()), csv, databaseUrl());
	}

	private String databaseUrl() {
		String url = this.jdbc.execute((ConnectionCallback<String>) connection -> connection.getMetaData().getURL());
		// The query holds connection settings (the session's name), not where the database is.
		return url == null ? "(unknown)" : url.replaceFirst("\\?.*$", "");
	}

}
