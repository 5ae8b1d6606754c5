package dev.sift.job;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.PartitionNameProvider;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.StepExecutionAggregator;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.partition.support.DefaultStepExecutionAggregator;
import org.springframework.batch.core.partition.support.SimpleStepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sift.definition.JobSpec;
import dev.sift.output.Outputs;
import dev.sift.source.SourceRange;

/**
 * One run of a job split into partitions, as its manager step sees it. Before the partitions are created
 * ({@link #beforeStep}) it splits the source into ranges of whole records by one pass over it, prepares the job's
 * results table and starts the run's progress row; each partition's execution context then holds its range and the
 * prompt version the run's results are stored under, so any worker can take it. The partitions are Spring Batch step
 * executions named {@code process:partition0}, {@code process:partition1}, ..., each listed in {@code run_partition}
 * with its range.
 *
 * <p>
 * A restarted run keeps its partitions: the manager's context says how many there were and how many records they
 * hold, and Spring Batch hands each unfinished partition its last committed context, so the source is not split
 * again and each partition resumes after its last committed chunk.
 */
public final class PartitionedRun implements Partitioner, PartitionNameProvider, StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(PartitionedRun.class);

	/** Where the manager's context keeps the records of all partitions, which also marks a run already split. */
	static final String TOTAL = "sift.partitions.total";

	/** Where a partition's context keeps the prompt version its results must be stored under. */
	static final String PROMPT_VERSION = "sift.partition.prompt-version";

	private static final String PARTITION = "partition";

	private static final String DESCRIBED = """
			SELECT 'partition ' || (partition_index + 1) || ' of ' || partitions || ' (' || description || ')'
			FROM run_partition WHERE step_execution_id = ?
			""";

	/** A stack trace's first line names the exception's class before its message. */
	private static final Pattern EXCEPTION_CLASS = Pattern.compile("^([a-z][\\w$]*\\.)+[A-Z][\\w$]*: ");

	private static final String LISTED = """
			INSERT INTO run_partition (step_execution_id, job_execution_id, partition_index, partitions, records,
			    description)
			VALUES (?, ?, ?, ?, ?, ?)
			""";

	private final JobSpec spec;

	private final int partitions;

	private final String promptVersion;

	private final JdbcTemplate jdbc;

	private final Outputs outputs;

	private final JobRepository jobRepository;

	private final DatabaseWatch watch;

	private List<? extends SourceRange> ranges;

	PartitionedRun(JobSpec spec, int partitions, String promptVersion, JdbcTemplate jdbc, Outputs outputs,
			JobRepository jobRepository, DatabaseWatch watch) {
		this.spec = spec;
		this.partitions = partitions;
		this.promptVersion = promptVersion;
		this.jdbc = jdbc;
		this.outputs = outputs;
		this.jobRepository = jobRepository;
		this.watch = watch;
	}

	public JobSpec spec() {
		return this.spec;
	}

	/** How many partitions the run asks for; fewer when its source has fewer records. */
	public int partitions() {
		return this.partitions;
	}

	/** Creates the partitions' step executions: new ones with their ranges, or those of the run being resumed. */
	public StepExecutionSplitter splitter() {
		SimpleStepExecutionSplitter splitter = new SimpleStepExecutionSplitter(this.jobRepository,
				SpecJobs.PROCESS_STEP, this);
		return new StepExecutionSplitter() {

			@Override
			public String getStepName() {
				return splitter.getStepName();
			}

			@Override
			public Set<StepExecution> split(StepExecution managerExecution, int gridSize)
					throws JobExecutionException {
				int size = PartitionedRun.this.ranges == null ? gridSize : PartitionedRun.this.ranges.size();
				Set<StepExecution> executions = splitter.split(managerExecution, size);
				list(executions);
				return executions;
			}

		};
	}

	/**
	 * Adds the partitions' counts and statuses up as Spring Batch does, but says why each unfinished partition did
	 * not complete in a line, where Spring Batch would join their whole stack traces.
	 */
	public StepExecutionAggregator aggregator() {
		DefaultStepExecutionAggregator counts = new DefaultStepExecutionAggregator();
		return (managerExecution, partitions) -> {
			counts.aggregate(managerExecution, partitions);
			String reasons = partitions.stream()
				.filter(partition -> partition.getStatus() != BatchStatus.COMPLETED)
				.sorted(Comparator.comparing(StepExecution::getStepName))
				.map(this::reason)
				.collect(Collectors.joining("; "));
			managerExecution.setExitStatus(new ExitStatus(managerExecution.getExitStatus().getExitCode(), reasons));
		};
	}

	private String reason(StepExecution partition) {
		String description = this.jdbc.queryForList(DESCRIBED, String.class, partition.getId())
			.stream()
			.findFirst()
			.orElse(partition.getStepName());
		String exit = partition.getExitStatus().getExitDescription().strip();
		String firstLine = EXCEPTION_CLASS.matcher(exit.lines().findFirst().orElse("")).replaceFirst("");
		return description + " " + partition.getStatus()
				+ (firstLine.isEmpty() ? "" : ": " + firstLine);
	}

	@Override
	public void beforeStep(StepExecution managerExecution) {
		this.watch.beforeStep(managerExecution);
		ExecutionContext context = managerExecution.getExecutionContext();
		if (context.containsKey(TOTAL)) {
			ProgressLog.started(this.jdbc, managerExecution, context.getLong(TOTAL), null);
			log.info("Resuming the unfinished partitions of run {} of {}", managerExecution.getJobExecutionId(),
					this.spec.name());
			return;
		}
		this.outputs.prepare(this.spec, this.promptVersion);
		String input = managerExecution.getJobParameters().getString(SpecJobs.INPUT);
		Long limit = managerExecution.getJobParameters().getLong(SpecJobs.LIMIT);
		this.ranges = SpecSourceReader.split(this.spec, input, this.jdbc, this.partitions, limit);
		long total = this.ranges.stream().mapToLong(SourceRange::records).sum();
		context.putLong(TOTAL, total);
		ProgressLog.started(this.jdbc, managerExecution, total, 0L);
		log.info("Split {} records of {} into {} partitions for workers", total, input, this.ranges.size());
	}

	/** Says in a line when the run failed because the database went away, as a run in one process does. */
	@Override
	public @Nullable ExitStatus afterStep(StepExecution managerExecution) {
		return this.watch.afterStep(managerExecution);
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> contexts = new LinkedHashMap<>();
		if (this.ranges == null) {
			getPartitionNames(gridSize).forEach(name -> contexts.put(name, new ExecutionContext()));
			return contexts;
		}
		for (SourceRange range : this.ranges) {
			ExecutionContext context = new ExecutionContext();
			range.writeTo(context);
			context.putString(PROMPT_VERSION, this.promptVersion);
			contexts.put(PARTITION + range.index(), context);
		}
		return contexts;
	}

	@Override
	public Collection<String> getPartitionNames(int gridSize) {
		return IntStream.range(0, gridSize).mapToObj(index -> PARTITION + index).toList();
	}

	/** Lists each partition of this execution with its range, for the run's page and the workers page. */
	private void list(Set<StepExecution> executions) {
		for (StepExecution execution : executions) {
			SourceRange range = SourceRange.from(execution.getExecutionContext()).orElseThrow(
					() -> new IllegalStateException("partition " + execution.getStepName() + " holds no range"));
			this.jdbc.update(LISTED, execution.getId(), execution.getJobExecutionId(), range.index(),
					range.partitions(), range.records(), range.describe());
		}
	}

}
