package dev.sift.job;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Tells whoever started a job in the background which execution it became, as soon as it begins. At most one run
 * of a job is under way at a time (the job lock), so a start is found by job name.
 */
public final class JobStarts implements JobExecutionListener {

	private final Map<String, CompletableFuture<JobExecution>> awaited = new ConcurrentHashMap<>();

	/**
	 * A future that completes with the next execution of {@code jobName} when it begins.
	 * @throws IllegalStateException when a start of the job is already awaited
	 */
	public CompletableFuture<JobExecution> expect(String jobName) {
		CompletableFuture<JobExecution> start = new CompletableFuture<>();
		if (this.awaited.putIfAbsent(jobName, start) != null) {
			throw new IllegalStateException("A run of " + jobName + " is already being started");
		}
		start.whenComplete((execution, failure) -> this.awaited.remove(jobName, start));
		return start;
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		CompletableFuture<JobExecution> start = this.awaited.get(jobExecution.getJobInstance().getJobName());
		if (start != null) {
			start.complete(jobExecution);
		}
	}

}
