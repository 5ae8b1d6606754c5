package dev.sift.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.sift.feedback.ClassifyFeedbackJobConfiguration;
import dev.sift.feedback.FeedbackProperties;
import dev.sift.result.ResultRepository;
import dev.sift.result.StatusCounts;

/**
 * {@code run [classify-feedback]}: runs the job on {@code sift.feedback.input}, or on {@code sift.feedback.table} when
 * {@code sift.feedback.source=postgres} (or resumes its unfinished run), prints a summary and exits with 0 when the
 * run completed.
 */
@Component
public class RunCommand implements Command {

	private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

	private final JobRunner jobRunner;

	private final Job classifyFeedbackJob;

	private final FeedbackProperties feedback;

	private final JobRepository jobRepository;

	private final ResultRepository results;

	private final JdbcTemplate jdbc;

	public RunCommand(JobRunner jobRunner, Job classifyFeedbackJob, FeedbackProperties feedback,
			JobRepository jobRepository, ResultRepository results, JdbcTemplate jdbc) {
		this.jobRunner = jobRunner;
		this.classifyFeedbackJob = classifyFeedbackJob;
		this.feedback = feedback;
		this.jobRepository = jobRepository;
		this.results = results;
		this.jdbc = jdbc;
	}

	@Override
	public String name() {
		return "run";
	}

	@Override
	public String usage() {
		return "[" + ClassifyFeedbackJobConfiguration.JOB_NAME + "] [--sift.feedback.input=FILE]: classify a file";
	}

	@Override
	public int run(List<String> arguments) throws Exception {
		if (arguments.size() > 1
				|| (arguments.size() == 1 && !arguments.get(0).equals(ClassifyFeedbackJobConfiguration.JOB_NAME))) {
			throw new IllegalArgumentException("Unknown job '" + String.join(" ", arguments) + "'; usage: run "
					+ usage());
		}
		JobExecution execution = this.jobRunner.run(this.classifyFeedbackJob, parameters(),
				ClassifyFeedbackJobConfiguration.INPUT);
		System.out.println(summarize(execution).render());
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			log.error("Run {} ended {}: {}", execution.getId(), execution.getStatus(),
					execution.getExitStatus().getExitDescription());
			return 1;
		}
		return 0;
	}

	private JobParameters parameters() {
		Path input = this.feedback.input();
		// A table is checked by the reader, which can say which tables and columns exist.
		if (this.feedback.source() == FeedbackProperties.Source.CSV && !input.toFile().isFile()) {
			throw new IllegalArgumentException("Input file " + input.toAbsolutePath()
					+ " does not exist; set sift.feedback.input to a feedback CSV file");
		}
		boolean noOutput = this.feedback.output() == null || this.feedback.output().toString().isEmpty();
		return ClassifyFeedbackJobConfiguration.runParameters(this.feedback.sourceId(),
				noOutput ? null : this.feedback.output());
	}

	private RunSummary summarize(JobExecution execution) {
		long runId = execution.getJobInstance().getInstanceId();
		long read = this.jobRepository.getJobExecutions(execution.getJobInstance())
			.stream()
			.flatMap(each -> each.getStepExecutions().stream())
			.filter(step -> step.getStepName().equals("classify"))
			.mapToLong(StepExecution::getReadCount)
			.sum();
		long writtenNow = execution.getStepExecutions()
			.stream()
			.filter(step -> step.getStepName().equals("classify"))
			.mapToLong(StepExecution::getWriteCount)
			.sum();
		StatusCounts counts = this.results.countByStatus(runId);
		Duration elapsed = execution.getStartTime() == null || execution.getEndTime() == null ? Duration.ZERO
				: Duration.between(execution.getStartTime(), execution.getEndTime());
		String output = execution.getJobParameters().getString(ClassifyFeedbackJobConfiguration.OUTPUT);
		String csv = output == null || output.isBlank() ? null : Path.of(output).toAbsolutePath().toString();
		return new RunSummary(execution.getJobInstance().getJobName(), runId, execution.getStatus().toString(), read,
				counts, elapsed, writtenNow, csv, databaseUrl());
	}

	private String databaseUrl() {
		return this.jdbc.execute((ConnectionCallback<String>) connection -> connection.getMetaData().getURL());
	}

}
