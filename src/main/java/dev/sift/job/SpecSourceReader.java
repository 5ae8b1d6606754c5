package dev.sift.job;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sift.definition.CsvSourceSpec;
import dev.sift.definition.JobSpec;
import dev.sift.definition.PostgresSourceSpec;
import dev.sift.source.CountingSource;
import dev.sift.source.CsvRange;
import dev.sift.source.CsvSourceReader;
import dev.sift.source.KeyRange;
import dev.sift.source.PostgresSourceReader;
import dev.sift.source.PostgresSourceSettings;
import dev.sift.source.SourceRange;
import dev.sift.source.SourceRecord;

/**
 * The source a spec names, opened for one step execution, read up to the run's {@code limit}. A job is built once per
 * spec, but which file a run reads is a job parameter, so the actual reader is made when the step starts (before
 * Spring Batch opens it). Runs of one job never overlap (the job lock), so one instance per job is safe; each
 * partition of a partitioned run gets a step of its own, whose reader reads only the partition's {@link SourceRange}
 * (the run's limit is in the ranges already).
 */
final class SpecSourceReader implements CountingSource, StepExecutionListener {

	private final JobSpec spec;

	private final JdbcTemplate jdbc;

	private CountingSource delegate;

	private Long limit;

	private long read;

	private StepExecution stepExecution;

	SpecSourceReader(JobSpec spec, JdbcTemplate jdbc) {
		this.spec = spec;
		this.jdbc = jdbc;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
		String input = stepExecution.getJobParameters().getString(SpecJobs.INPUT);
		Optional<SourceRange> range = SourceRange.from(stepExecution.getExecutionContext());
		this.limit = range.isPresent() ? null : stepExecution.getJobParameters().getLong(SpecJobs.LIMIT);
		this.delegate = range.map(part -> reader(this.spec, input, this.jdbc, part))
			.orElseGet(() -> this.spec.source() instanceof CsvSourceSpec csv
					? new CsvSourceReader(csv.settingsFor(Path.of(input)))
					: new PostgresSourceReader(this.jdbc, postgres(this.spec)));
	}

	/**
	 * Splits the run's source into at most {@code partitions} ranges of whole records, within the run's limit.
	 * @throws IllegalArgumentException when the file cannot be split (its encoding)
	 */
	static List<? extends SourceRange> split(JobSpec spec, String input, JdbcTemplate jdbc, int partitions,
			Long limit) {
		return spec.source() instanceof CsvSourceSpec csv
				? CsvSourceReader.split(csv.settingsFor(Path.of(input)), partitions, limit)
				: PostgresSourceReader.split(jdbc, postgres(spec), partitions, limit);
	}

	private static CountingSource reader(JobSpec spec, String input, JdbcTemplate jdbc, SourceRange range) {
		if (range instanceof CsvRange csvRange) {
			return new CsvSourceReader(((CsvSourceSpec) spec.source()).settingsFor(Path.of(input)), csvRange);
		}
		return new PostgresSourceReader(jdbc, postgres(spec), (KeyRange) range);
	}

	private static PostgresSourceSettings postgres(JobSpec spec) {
		return ((PostgresSourceSpec) spec.source()).settings();
	}

	/**
	 * The next record, or {@code null} at the end of the input. An input that could not be read to its end fails the
	 * step here, while its last chunk is still open, so the status saved with that chunk is already FAILED. A
	 * listener's {@code afterStep} would be too late: Spring Batch saves a step's status once as it ends, before its
	 * listeners' {@code afterStep} (spring-batch#4362), and a manager polling its partitions, or a process killed
	 * between the two saves, would take that COMPLETED for the whole step.
	 */
	@Override
	public @Nullable SourceRecord read() {
		SourceRecord record = this.limit != null && this.read >= this.limit ? null : this.delegate.read();
		if (record == null) {
			this.delegate.unreadable().ifPresent(this::fail);
			return null;
		}
		this.read++;
		return record;
	}

	private void fail(String reason) {
		this.stepExecution.upgradeStatus(BatchStatus.FAILED);
		this.stepExecution.setExitStatus(this.stepExecution.getExitStatus().and(ExitStatus.FAILED
			.addExitDescription(reason)));
	}

	@Override
	public long countRecords() {
		long all = this.delegate.countRecords();
		return this.limit == null ? all : Math.min(all, this.limit);
	}

	@Override
	public long recordsReadBefore(ExecutionContext executionContext) {
		return this.delegate.recordsReadBefore(executionContext);
	}

	@Override
	public Optional<String> unreadable() {
		return this.delegate.unreadable();
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.delegate.open(executionContext);
		this.read = this.delegate.recordsReadBefore(executionContext);
	}

	@Override
	public void update(ExecutionContext executionContext) {
		this.delegate.update(executionContext);
	}

	@Override
	public void close() {
		this.delegate.close();
	}

}
