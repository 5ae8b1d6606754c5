package dev.sift.run;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Service;

import dev.sift.definition.CsvSourceSpec;
import dev.sift.definition.JobSpec;
import dev.sift.definition.UnknownJobException;
import dev.sift.job.JobStarts;
import dev.sift.job.RunOptions;
import dev.sift.job.SpecJobs;

/**
 * Starts, stops and restarts runs in the background, for the API and the scheduler: a start returns as soon as the
 * run has begun, and the run goes on in one of a bounded number of threads, holding its job's lock. On shutdown
 * the runs under way are asked to stop after their current chunk and are waited for, so each ends {@code STOPPED},
 * committed and restartable, before the connection pool and the database close.
 */
@Service
public class RunService implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RunService.class);

	/** A run that has not begun by then is stuck before its first step, which is worth an error of its own. */
	private static final long START_TIMEOUT_SECONDS = 60;

	private final JobRunner jobRunner;

	private final SpecJobs jobs;

	private final JobStarts jobStarts;

	private final JobRepository jobRepository;

	private final ServiceProperties properties;

	private final InputPaths inputPaths;

	private final ThreadPoolTaskExecutor executor;

	/** The runs this process is running, by execution id, until their thread has released the job's lock. */
	private final Map<Long, ActiveRun> active = new ConcurrentHashMap<>();

	private volatile boolean running;

	public RunService(JobRunner jobRunner, SpecJobs jobs, JobStarts jobStarts, JobRepository jobRepository,
			ServiceProperties properties, @Qualifier(RunConfiguration.RUN_EXECUTOR) ThreadPoolTaskExecutor executor) {
		this.jobRunner = jobRunner;
		this.executor = executor;
		this.jobs = jobs;
		this.jobStarts = jobStarts;
		this.jobRepository = jobRepository;
		this.properties = properties;
		this.inputPaths = new InputPaths(properties.inputDirs());
	}

	/**
	 * Starts a run of a job on one input (the spec's own source when {@code input} is {@code null}), or resumes the
	 * unfinished run of that input. An input given must be one file in {@code sift.service.input-dirs}: callers of
	 * the service may not read any file the process can.
	 * @return the run, just begun
	 * @throws JobAlreadyRunningException when the job is running (here or in another Sift on this database)
	 * @throws TooManyRunsException when {@code sift.service.max-concurrent-runs} runs are under way
	 * @throws RunAlreadyCompleteException when a run with the same identifying parameters completed
	 * @throws ServiceStoppingException when Sift is shutting down
	 * @throws UnknownJobException for an unknown job
	 * @throws InvalidRunRequestException for an input outside the input directories or not one existing file, an
	 * input for a job that reads a table, or no input for a job whose source matches several files
	 */
	public JobExecution start(String jobName, String input, RunOptions options) {
		JobSpec spec = this.jobs.specs().get(jobName);
		boolean given = input != null && !input.isBlank();
		if (given && !(spec.source() instanceof CsvSourceSpec)) {
			throw new InvalidRunRequestException("input",
					"job " + spec.name() + " reads its PostgreSQL source and takes no input file");
		}
		List<String> inputs = this.jobs.inputs(spec, given ? this.inputPaths.check(input) : null);
		if (inputs.size() != 1) {
			throw new InvalidRunRequestException("input", "the source of job " + spec.name() + " matches "
					+ inputs.size() + " files; start one run per file, naming it as input");
		}
		JobParameters parameters = SpecJobs.runParameters(inputs.get(0),
				SpecJobs.output(spec, inputs.get(0)), options);
		return launch(spec.name(), () -> this.jobRunner.run(this.jobs.job(spec.name()), parameters, SpecJobs.INPUT));
	}

	/**
	 * Starts the scheduled run of a job for one night on its spec's source: the same night twice is the same run,
	 * so a completed night is refused and a failed one resumed.
	 */
	public JobExecution startScheduled(JobSpec spec, LocalDate runDate) {
		String input = this.jobs.inputs(spec, null).get(0);
		JobParameters parameters = SpecJobs.scheduledParameters(input, SpecJobs.output(spec, input), runDate);
		return launch(spec.name(),
				() -> this.jobRunner.run(this.jobs.job(spec.name()), parameters, SpecJobs.RUN_DATE));
	}

	/**
	 * Restarts a failed or stopped run from its last committed chunk.
	 * @throws RunStateException when the run completed, was abandoned or is still running
	 */
	public JobExecution restart(long executionId) {
		JobExecution execution = find(executionId);
		if (execution.getStatus().isRunning() && this.active.containsKey(executionId)) {
			throw new RunStateException("Run " + executionId + " is still running; stop it first");
		}
		return launch(execution.getJobInstance().getJobName(), () -> this.jobRunner.restart(execution));
	}

	/**
	 * Asks a run to stop after its current chunk; it then ends {@code STOPPED} and can be restarted.
	 * @throws RunStateException when the run is not running
	 */
	public JobExecution stop(long executionId) {
		JobExecution execution = find(executionId);
		if (!execution.getStatus().isRunning()) {
			throw new RunStateException("Run " + executionId + " is not running but " + execution.getStatus());
		}
		requestStop(execution);
		return find(executionId);
	}

	/**
	 * Marks the run {@code STOPPING}: its step sees that when it commits its chunk and ends {@code STOPPED}.
	 * Spring Batch's own {@code JobOperator.stop} would also set the run's end time, and its job repository then
	 * stores the run as {@code STOPPED} at once, while the chunk in flight is still going (and for good, with a step
	 * left {@code STARTED}, should the process die meanwhile).
	 */
	private void requestStop(JobExecution execution) {
		execution.setStatus(BatchStatus.STOPPING);
		this.jobRepository.update(execution);
	}

	/** @throws RunNotFoundException when there is no run with this id */
	public JobExecution find(long executionId) {
		JobExecution execution = this.jobRepository.getJobExecution(executionId);
		if (execution == null) {
			throw new RunNotFoundException(executionId);
		}
		return execution;
	}

	/** Whether this process is running the run now. */
	public boolean isActive(long executionId) {
		return this.active.containsKey(executionId);
	}

	private JobExecution launch(String jobName, Callable<JobExecution> run) {
		awaitEnding(jobName);
		this.active.forEach((executionId, active) -> {
			if (active.jobName().equals(jobName) && !active.ended().isDone()) {
				throw new JobAlreadyRunningException(jobName, "in this process (run " + executionId + ")");
			}
		});
		CompletableFuture<JobExecution> started;
		try {
			started = this.jobStarts.expect(jobName);
		}
		catch (IllegalStateException ex) {
			throw new JobAlreadyRunningException(jobName, "in this process (a run of it is being started)");
		}
		if (!this.running) {
			started.cancel(false);
			throw new ServiceStoppingException();
		}
		try {
			this.executor.execute(() -> runToTheEnd(jobName, run, started));
		}
		catch (TaskRejectedException ex) {
			started.cancel(false);
			if (this.executor.getThreadPoolExecutor().isShutdown()) {
				throw new ServiceStoppingException();
			}
			throw new TooManyRunsException(this.properties.maxConcurrentRuns());
		}
		return awaitStart(jobName, started);
	}

	/**
	 * A run the job repository shows ended (so a client may start the job again) can still be releasing the job's
	 * lock on its thread: worth a moment's wait rather than a refusal that says the job is running.
	 */
	private void awaitEnding(String jobName) {
		this.active.forEach((executionId, run) -> {
			if (!run.jobName().equals(jobName)) {
				return;
			}
			JobExecution execution = this.jobRepository.getJobExecution(executionId);
			if (execution != null && !execution.getStatus().isRunning()) {
				try {
					run.ended().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
				}
				catch (ExecutionException | TimeoutException ex) {
					// The job's lock decides, as for any other start.
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		});
	}

	private void runToTheEnd(String jobName, Callable<JobExecution> run, CompletableFuture<JobExecution> started) {
		CompletableFuture<Void> ended = new CompletableFuture<>();
		started.thenAccept(execution -> this.active.put(execution.getId(), new ActiveRun(jobName, ended)));
		try {
			JobExecution execution = run.call();
			if (execution.getStatus() == BatchStatus.COMPLETED) {
				log.info("Run {} of {} ended COMPLETED", execution.getId(), jobName);
			}
			else {
				log.warn("Run {} of {} ended {}: {}", execution.getId(), jobName, execution.getStatus(),
						RunFailures.reason(execution));
			}
		}
		catch (Exception ex) {
			if (!started.completeExceptionally(ex)) {
				log.error("Run of {} failed", jobName, ex);
			}
		}
		finally {
			ended.complete(null);
			started.thenAccept(execution -> this.active.remove(execution.getId()));
		}
	}

	private static JobExecution awaitStart(String jobName, CompletableFuture<JobExecution> started) {
		try {
			return started.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (ex.getCause() instanceof JobInstanceAlreadyCompleteException complete) {
				throw new RunAlreadyCompleteException(jobName, complete);
			}
			throw new IllegalStateException("Cannot start " + jobName + ": " + ex.getCause().getMessage(),
					ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("The run of " + jobName + " did not begin within "
					+ START_TIMEOUT_SECONDS + " s", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting " + jobName, ex);
		}
	}

	@Override
	public void start() {
		this.running = true;
	}

	/**
	 * Asks the runs under way to stop after their current chunk and waits until each has ended and released its
	 * job's lock, so they end {@code STOPPED} and restartable while the database is still there: the data source and
	 * an embedded database close only after this returns.
	 */
	@Override
	public void stop() {
		this.running = false;
		for (Long executionId : List.copyOf(this.active.keySet())) {
			JobExecution execution = this.jobRepository.getJobExecution(executionId);
			if (execution != null && execution.getStatus().isRunning()) {
				log.info("Stopping run {} of {} after its current chunk", executionId,
						execution.getJobInstance().getJobName());
				try {
					requestStop(execution);
				}
				catch (RuntimeException ex) {
					log.warn("Cannot stop run {}: {}", executionId, ex.getMessage());
				}
			}
		}
		CompletableFuture<?>[] ending = this.active.values()
			.stream()
			.map(ActiveRun::ended)
			.toArray(CompletableFuture[]::new);
		try {
			CompletableFuture.allOf(ending)
				.get(this.properties.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			log.warn("Runs {} did not stop within {}; they will be resumed at the next start", this.active.keySet(),
					this.properties.shutdownTimeout());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Before the web server stops taking requests: a request that would start a run is refused meanwhile. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** @param ended completes once the run's thread is done with it, its job's lock released */
	private record ActiveRun(String jobName, CompletableFuture<Void> ended) {
	}

}
