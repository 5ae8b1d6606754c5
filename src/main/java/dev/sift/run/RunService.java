package dev.sift.run;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
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
 * the runs under way are asked to stop after their current chunk, so each ends {@code STOPPED} and can be
 * restarted.
 */
@Service
public class RunService implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RunService.class);

	/** A run that has not begun by then is stuck before its first step, which is worth an error of its own. */
	private static final long START_TIMEOUT_SECONDS = 60;

	private final JobRunner jobRunner;

	private final SpecJobs jobs;

	private final JobStarts jobStarts;

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final ServiceProperties properties;

	private final InputPaths inputPaths;

	/** Made when the service starts and shut down when it stops; a stopped context can be started again. */
	private volatile ThreadPoolExecutor executor;

	/** The runs this process is running, by execution id, until their thread has released the job's lock. */
	private final Map<Long, ActiveRun> active = new ConcurrentHashMap<>();

	private volatile boolean running;

	public RunService(JobRunner jobRunner, SpecJobs jobs, JobStarts jobStarts, JobOperator jobOperator,
			JobRepository jobRepository, ServiceProperties properties) {
		this.jobRunner = jobRunner;
		this.jobs = jobs;
		this.jobStarts = jobStarts;
		this.jobOperator = jobOperator;
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
				SpecJobs.output(spec, inputs.get(0), 1), options);
		return launch(spec.name(), () -> this.jobRunner.run(this.jobs.job(spec.name()), parameters, SpecJobs.INPUT));
	}

	/**
	 * Starts the scheduled run of a job for one night on its spec's source: the same night twice is the same run,
	 * so a completed night is refused and a failed one resumed.
	 */
	public JobExecution startScheduled(JobSpec spec, LocalDate runDate) {
		String input = this.jobs.inputs(spec, null).get(0);
		JobParameters parameters = SpecJobs.scheduledParameters(input, SpecJobs.output(spec, input, 1), runDate);
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
		try {
			this.jobOperator.stop(execution);
		}
		catch (JobExecutionNotRunningException ex) {
			throw new RunStateException("Run " + executionId + " has just ended");
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot stop run " + executionId + ": " + ex.getMessage(), ex);
		}
		return find(executionId);
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
		catch (RejectedExecutionException ex) {
			started.cancel(false);
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
			log.info("Run {} of {} ended {}", execution.getId(), jobName, execution.getStatus());
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
		this.executor = new ThreadPoolExecutor(this.properties.maxConcurrentRuns(),
				this.properties.maxConcurrentRuns(), 0, TimeUnit.SECONDS, new SynchronousQueue<>(),
				new CustomizableThreadFactory("sift-run-"));
		this.running = true;
	}

	/** Stops the runs under way after their current chunk and waits for them, so they end restartable. */
	@Override
	public void stop() {
		this.running = false;
		for (Long executionId : List.copyOf(this.active.keySet())) {
			JobExecution execution = this.jobRepository.getJobExecution(executionId);
			if (execution != null && execution.getStatus().isRunning()) {
				log.info("Stopping run {} of {} after its current chunk", executionId,
						execution.getJobInstance().getJobName());
				try {
					this.jobOperator.stop(execution);
				}
				catch (Exception ex) {
					log.warn("Cannot stop run {}: {}", executionId, ex.getMessage());
				}
			}
		}
		this.executor.shutdown();
		try {
			if (!this.executor.awaitTermination(this.properties.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
				log.warn("Runs {} did not stop within {}; they will be resumed at the next start", this.active.keySet(),
						this.properties.shutdownTimeout());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** @param ended completes once the run's thread is done with it, its job's lock released */
	private record ActiveRun(String jobName, CompletableFuture<Void> ended) {
	}

}
