package dev.sift.run;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * Runs a job to the end, resuming an unfinished run of the same input instead of starting over.
 *
 * <p>
 * A run whose process died, was stopped by a shutdown that could not wait for it, or lost its database is left as
 * {@code STARTED}, {@code STOPPING} or {@code UNKNOWN} in the job repository, and may have steps in such a state too;
 * Spring Batch refuses to restart any of them. While this runner holds the job's database lock no other process can
 * be running it, so such a run is marked failed first: every chunk commits its results together with the step's
 * restart state, so Spring Batch then safely continues after the last committed chunk. No state ever needs a hand
 * edit.
 */
@Component
public class JobRunner {

	private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

	private static final String LEFT_OVER = "left unfinished by a process that stopped, crashed or lost its database";

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final DataSource dataSource;

	public JobRunner(JobOperator jobOperator, JobRepository jobRepository, DataSource dataSource) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.dataSource = dataSource;
	}

	/**
	 * Runs {@code job} with {@code parameters}, or resumes its unfinished run: the run with the same identifying
	 * parameters (a scheduled night), or the last run whose parameter {@code resumeKey} has the same value.
	 */
	public JobExecution run(Job job, JobParameters parameters, String resumeKey) throws Exception {
		try (JobLock lock = JobLock.tryAcquire(this.dataSource, job.getName())) {
			if (lock == null) {
				throw new JobAlreadyRunningException(job.getName(), JobLock.holder(this.dataSource, job.getName()));
			}
			JobInstance unfinished = unfinishedRun(job.getName(), parameters, resumeKey);
			if (unfinished == null) {
				return this.jobOperator.start(job, parameters);
			}
			JobExecution last = repair(unfinished);
			log.info("Resuming run {} of {} ({}) after its last committed chunk", last.getId(), job.getName(),
					last.getStatus());
			return this.jobOperator.restart(last);
		}
	}

	/**
	 * Restarts a failed or stopped run (one left running or unknown by a process that is gone is marked failed first)
	 * and runs it to the end.
	 * @throws RunStateException when the run completed or was abandoned
	 */
	public JobExecution restart(JobExecution execution) throws Exception {
		String jobName = execution.getJobInstance().getJobName();
		try (JobLock lock = JobLock.tryAcquire(this.dataSource, jobName)) {
			if (lock == null) {
				throw new JobAlreadyRunningException(jobName, JobLock.holder(this.dataSource, jobName));
			}
			JobExecution latest = this.jobRepository.getLastJobExecution(execution.getJobInstance());
			if (latest.getStatus() == BatchStatus.COMPLETED || latest.getStatus() == BatchStatus.ABANDONED) {
				throw new RunStateException("Run " + execution.getId() + " of " + jobName + " is "
						+ latest.getStatus() + "; only a failed or stopped run can be restarted");
			}
			return this.jobOperator.restart(repair(execution.getJobInstance()));
		}
	}

	/**
	 * Marks every execution and step of the run that a process left running or unknown as failed, so Spring Batch
	 * restarts it. Only called while holding the job's lock: nobody else can be running it.
	 * @return the run's last execution, as it is now
	 */
	private JobExecution repair(JobInstance instance) {
		for (JobExecution execution : this.jobRepository.getJobExecutions(instance)) {
			for (StepExecution step : execution.getStepExecutions()) {
				if (isLeftOver(step.getStatus())) {
					step.setStatus(BatchStatus.FAILED);
					step.setExitStatus(step.getExitStatus().and(ExitStatus.FAILED).addExitDescription(LEFT_OVER));
					step.setEndTime(endOf(step.getEndTime(), step.getLastUpdated()));
					this.jobRepository.update(step);
				}
			}
			if (isLeftOver(execution.getStatus())) {
				log.warn("Run {} of {} was left {} by a process that stopped, crashed or lost its database: marking "
						+ "it failed", execution.getId(), instance.getJobName(), execution.getStatus());
				execution.setStatus(BatchStatus.FAILED);
				execution.setExitStatus(execution.getExitStatus().and(ExitStatus.FAILED).addExitDescription(LEFT_OVER));
				execution.setEndTime(endOf(execution.getEndTime(), execution.getLastUpdated()));
				this.jobRepository.update(execution);
			}
		}
		return this.jobRepository.getLastJobExecution(instance);
	}

	/**
	 * When a left-over execution ended: its end time if it has one, else the last time it recorded anything (its
	 * last committed chunk), so a run's time does not count the hours its process was already dead.
	 */
	private static LocalDateTime endOf(LocalDateTime endTime, LocalDateTime lastUpdated) {
		return endTime != null ? endTime : lastUpdated != null ? lastUpdated : LocalDateTime.now();
	}

	private static boolean isLeftOver(BatchStatus status) {
		return status.isRunning() || status == BatchStatus.UNKNOWN;
	}

	/** The run to resume: one with these identifying parameters, or the last one of the same input, unfinished. */
	private JobInstance unfinishedRun(String jobName, JobParameters parameters, String resumeKey) {
		JobInstance same = this.jobRepository.getJobInstance(jobName, parameters);
		if (same != null) {
			return isFinished(this.jobRepository.getLastJobExecution(same)) ? null : same;
		}
		List<JobInstance> latest = this.jobRepository.getJobInstances(jobName, 0, 1);
		if (latest.isEmpty()) {
			return null;
		}
		JobExecution last = this.jobRepository.getLastJobExecution(latest.get(0));
		if (isFinished(last)) {
			return null;
		}
		return Objects.equals(parameters.getString(resumeKey), last.getJobParameters().getString(resumeKey))
				? latest.get(0) : null;
	}

	private static boolean isFinished(JobExecution execution) {
		return execution == null || execution.getStatus() == BatchStatus.COMPLETED
				|| execution.getStatus() == BatchStatus.ABANDONED;
	}

}
