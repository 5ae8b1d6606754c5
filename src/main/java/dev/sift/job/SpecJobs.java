package dev.sift.job;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.Step;

import dev.sift.definition.CsvSourceSpec;
import dev.sift.definition.JobSpec;
import dev.sift.definition.JobSpecs;
import dev.sift.definition.PostgresSourceSpec;
import dev.sift.source.SourceNames;

/**
 * The Spring Batch job of every job spec, and the parameters of their runs. Job parameters: {@code input} (the CSV
 * file, {@code postgres:<table>} or {@code postgres:query:<hash>}; identifying, so an unfinished run of the same input can be resumed),
 * {@code output} (the results CSV, optional), {@code reprocess} (process records that already have a current
 * result, too) and {@code limit} (read at most this many records); a manual run is told apart by the time it was
 * requested, a scheduled one by its run date.
 */
public final class SpecJobs {

	public static final String INPUT = "input";

	public static final String OUTPUT = "output";

	public static final String REPROCESS = "reprocess";

	public static final String LIMIT = "limit";

	/** How many partitions the run is split into, when not the spec's {@code partitions}. */
	public static final String PARTITIONS = "partitions";

	/** Identifies a scheduled run: one night is one job instance. */
	public static final String RUN_DATE = "run-date";

	static final String REQUESTED = "requested";

	/** The name of the step that reads, processes and stores the records. */
	public static final String PROCESS_STEP = "process";

	/** The name of the step that writes the results CSV and the write-back columns. */
	public static final String EXPORT_STEP = "export";

	/** Where the export step's execution context keeps how many rows it wrote to the results CSV. */
	public static final String EXPORTED = "exported";

	private final JobSpecs specs;

	private final Map<String, Job> jobs = new LinkedHashMap<>();

	private final Map<String, TaskPrompt> prompts = new LinkedHashMap<>();

	private final String modelName;

	private final Map<String, Supplier<Step>> partitionSteps = new LinkedHashMap<>();

	SpecJobs(JobSpecs specs, Map<String, Job> jobs, Map<String, TaskPrompt> prompts, String modelName,
			Map<String, Supplier<Step>> partitionSteps) {
		this.specs = specs;
		this.jobs.putAll(jobs);
		this.prompts.putAll(prompts);
		this.modelName = modelName;
		this.partitionSteps.putAll(partitionSteps);
	}

	public JobSpecs specs() {
		return this.specs;
	}

	/** The job of a spec; an unknown name fails with the names there are. */
	public Job job(String name) {
		return this.jobs.get(this.specs.get(name).name());
	}

	/**
	 * A new {@code process} step of a job, for one partition of one of its runs: each partition gets its own, so
	 * partitions of the same run can be processed side by side. It reads the range in the partition's context.
	 */
	public Step partitionStep(String name) {
		return this.partitionSteps.get(this.specs.get(name).name()).get();
	}

	public TaskPrompt prompt(String name) {
		return this.prompts.get(this.specs.get(name).name());
	}

	/** The job and every other job with the same task (a {@code task-from} spec and its origin). */
	public List<String> sameTask(String name) {
		return sameTask(this.specs, this.specs.get(name));
	}

	static List<String> sameTask(JobSpecs specs, JobSpec spec) {
		return specs.all().stream().filter(other -> other.task().equals(spec.task())).map(JobSpec::name).toList();
	}

	/** The model's name, as results and prompt versions tell models apart. */
	public String modelName() {
		return this.modelName;
	}

	/** The prompt version results of this job are stored under with the loaded model. */
	public String promptVersion(String name) {
		return prompt(name).promptVersion(this.modelName);
	}

	/**
	 * The inputs one request covers: for a CSV source the file given (or the spec's path), with a glob standing for
	 * every file it matches, in name order; for a PostgreSQL source its table or query. Files are named by their
	 * canonical path ({@link SourceNames#canonical}).
	 * @throws IllegalArgumentException when a CSV file does not exist or a glob matches nothing
	 */
	public List<String> inputs(JobSpec spec, String input) {
		if (spec.source() instanceof CsvSourceSpec csv) {
			return csvFiles(input == null || input.isBlank() ? csv.path() : input);
		}
		return List.of(((PostgresSourceSpec) spec.source()).settings().sourceName());
	}

	/**
	 * Parameters of one run: the input identifies it, the request time makes each start a new run.
	 * @param output the results CSV, or {@code null} for none
	 */
	public static JobParameters runParameters(String input, Path output, RunOptions options) {
		return parameters(input, output, options).addLocalDateTime(REQUESTED, LocalDateTime.now()).toJobParameters();
	}

	/**
	 * Parameters of a scheduled run: the input and the run date identify it, so a second start for the same night
	 * is the same job instance (refused once it completed, resumed if it failed).
	 */
	public static JobParameters scheduledParameters(String input, Path output, LocalDate runDate) {
		return parameters(input, output, RunOptions.DEFAULTS).addString(RUN_DATE, runDate.toString()).toJobParameters();
	}

	private static JobParametersBuilder parameters(String input, Path output, RunOptions options) {
		JobParametersBuilder parameters = new JobParametersBuilder().addString(INPUT, SourceNames.canonical(input))
			.addString(OUTPUT, output == null ? "" : output.toString(), false)
			.addString(REPROCESS, Boolean.toString(options.reprocess()), false);
		if (options.limit() != null) {
			parameters.addLong(LIMIT, options.limit(), false);
		}
		if (options.partitions() != null) {
			parameters.addLong(PARTITIONS, options.partitions().longValue(), false);
		}
		return parameters;
	}

	/**
	 * Where the results of a run on {@code input} go: the spec's CSV for the spec's own source; for any other file
	 * (one given with {@code input=}, or one of several a glob matches) the spec's CSV name with the input file's name
	 * added, so the results of different inputs never overwrite each other.
	 * @return {@code null} when the spec writes no CSV
	 */
	public static Path output(JobSpec spec, String input) {
		if (spec.outputs().csv() == null) {
			return null;
		}
		Path csv = Path.of(spec.outputs().csv());
		if (!(spec.source() instanceof CsvSourceSpec source) || (!CsvSourceSpec.isGlob(source.path())
				&& SourceNames.canonical(source.path()).equals(SourceNames.canonical(input)))) {
			return csv;
		}
		String name = csv.getFileName().toString();
		String stem = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
		String inputName = Path.of(input).getFileName().toString().replaceFirst("\\.[^.]*$", "");
		return csv.resolveSibling(stem + "." + inputName + ".csv");
	}

	private static List<String> csvFiles(String pathOrGlob) {
		List<Path> files = CsvSourceSpec.files(pathOrGlob);
		if (files.isEmpty()) {
			throw new IllegalArgumentException(CsvSourceSpec.isGlob(pathOrGlob)
					? "No file matches " + pathOrGlob + " (in " + Path.of("").toAbsolutePath() + ")"
					: "Input file " + Path.of(pathOrGlob).toAbsolutePath() + " does not exist");
		}
		return files.stream().map(file -> SourceNames.canonical(file.toString())).toList();
	}

}
