package dev.sift.run;

import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Runs a job to the end, resuming an unfinished run of the same input instead of starting over.
 *
 * <p>
 * A run whose process died is left as {@code STARTED} in the job repository. While this runner holds the job's
 * database lock no other process can be running it, so such a run is marked failed and restarted: Spring Batch then
 * continues after the last committed chunk.
 */
@Component
public class JobRunner {

	private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final DataSource dataSource;

	public JobRunner(JobOperator jobOperator, JobRepository jobRepository, DataSource dataSource) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.dataSource = dataSource;
	}

	/**
	 * Runs {@code job} with {@code parameters}, or resumes the last unfinished run whose parameter {@code resumeKey}
	 * has the same value.
	 */
	public JobExecution run(Job job, JobParameters parameters, String resumeKey) throws Exception {
		try (JobLock lock = JobLock.tryAcquire(this.dataSource, job.getName())) {
			if (lock == null) {
				throw new JobAlreadyRunningException(job.getName(), JobLock.holder(this.dataSource, job.getName()));
			}
			JobExecution unfinished = lastUnfinishedRun(job.getName(), parameters, resumeKey);
			if (unfinished == null) {
				return this.jobOperator.start(job, parameters);
			}
			if (unfinished.getStatus().isRunning()) {
				log.warn("Run {} of {} was left {} by a process that ended abruptly: marking it failed",
						unfinished.getId(), job.getName(), unfinished.getStatus());
				unfinished = this.jobOperator.recover(unfinished);
			}
			log.info("Resuming run {} of {} ({}) after its last committed chunk", unfinished.getId(), job.getName(),
					unfinished.getStatus());
			return this.jobOperator.restart(unfinished);
		}
	}

	/**
	 * Restarts a failed or stopped run (one left running by a process that died is marked failed first) and runs
	 * it to the end.
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
			if (latest.getStatus().isRunning()) {
				latest = this.jobOperator.recover(latest);
			}
			return this.jobOperator.restart(latest);
		}
	}

	private JobExecution lastUnfinishedRun(String jobName, JobParameters parameters, String resumeKey) {
		List<JobInstance> latest = this.jobRepository.getJobInstances(jobName, 0, 1);
		if (latest.isEmpty()) {
			return null;
		}
		JobExecution last = this.jobRepository.getLastJobExecution(latest.get(0));
		if (last == null || last.getStatus() == BatchStatus.COMPLETED || last.getStatus() == BatchStatus.ABANDONED) {
			return null;
		}
		return Objects.equals(parameters.getString(resumeKey), last.getJobParameters().getString(resumeKey)) ? last
				: null;
	}

}
