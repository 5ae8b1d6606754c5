package dev.sift.worker;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskExecutor;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.Message;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.sift.job.SpecJobs;

/**
 * This process as a worker: registered in {@code sift_worker} with what it runs, alive as long as its heartbeat is,
 * and taking partitions of runs from the channel while it has room for one.
 *
 * <p>
 * A partition is claimed in the transaction that takes its request off the channel: the attempt row and the
 * request's removal commit together, so a request is never lost between the two, and the step starts only once they
 * have. Spring Batch Integration's {@link StepExecutionRequestHandler} then executes the partition's step execution
 * (a new step of the run's job, {@link SpecJobs#partitionStep}) on this worker's partition threads.
 *
 * <p>
 * Stopping (SIGTERM) takes no new partition and hands the ones in progress back to the channel at once, so another
 * worker resumes them without waiting for this one's heartbeat to age; the chunk this one was still working on does
 * not commit.
 */
final class Worker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Worker.class);

	private static final String REGISTER = """
			INSERT INTO sift_worker (worker_id, host, pid, model, gpu_layers, slots, instances)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			""";

	private static final String HEARTBEAT = """
			UPDATE sift_worker SET heartbeat_at = now(), state = 'up', stopped_at = NULL, partition_records = ?,
			    records_per_second = ?
			WHERE worker_id = ?
			""";

	private static final String CLAIM = """
			INSERT INTO partition_attempt (step_execution_id, worker_id) VALUES (?, ?) RETURNING attempt_id
			""";

	private static final String CURRENT = """
			UPDATE sift_worker SET step_execution_id = ?, partition_started_at = now(), partition_records = 0,
			    records_per_second = NULL
			WHERE worker_id = ?
			""";

	private static final String IDLE = """
			UPDATE sift_worker SET step_execution_id = NULL, partition_started_at = NULL, partition_records = 0,
			    records_per_second = NULL
			WHERE worker_id = ? AND step_execution_id = ?
			""";

	private static final String TAKEN_FROM_ME = """
			SELECT attempt_id FROM partition_attempt WHERE worker_id = ? AND outcome <> 'running' AND attempt_id = ANY (?)
			""";

	/** The attempts the database says this worker is running. */
	private static final String MINE = """
			SELECT attempt_id, step_execution_id FROM partition_attempt WHERE worker_id = ? AND outcome = 'running'
			""";

	private static final String STOPPED = """
			UPDATE sift_worker SET state = 'stopped', stopped_at = now(), step_execution_id = NULL WHERE worker_id = ?
			""";

	/** How long stopping waits for the steps of partitions it handed back to end. */
	private static final Duration STOP_WAIT = Duration.ofSeconds(20);

	private final UUID id = UUID.randomUUID();

	private final String host = hostName();

	private final long pid = ProcessHandle.current().pid();

	private final WorkerModel model;

	private final WorkerProperties properties;

	private final JdbcTemplate jdbc;

	private final JobRepository jobRepository;

	private final Handovers handovers;

	private final TaskExecutor partitionThreads;

	private final TaskScheduler scheduler;

	private final StepExecutionRequestHandler requestHandler = new StepExecutionRequestHandler();

	private final Map<Long, Running> running = new ConcurrentHashMap<>();

	/** Attempts claimed whose step has not begun yet. */
	private final Set<Long> claimed = ConcurrentHashMap.newKeySet();

	private final AtomicInteger busy = new AtomicInteger();

	private volatile boolean taking;

	private ScheduledFuture<?> heartbeat;

	Worker(WorkerModel model, WorkerProperties properties, JdbcTemplate jdbc, JobRepository jobRepository,
			Handovers handovers, SpecJobs jobs, TaskExecutor partitionThreads, TaskScheduler scheduler) {
		this.model = model;
		this.properties = properties;
		this.jdbc = jdbc;
		this.jobRepository = jobRepository;
		this.handovers = handovers;
		this.partitionThreads = partitionThreads;
		this.scheduler = scheduler;
		this.requestHandler.setJobRepository(jobRepository);
		this.requestHandler.setStepLocator(name -> new PartitionOfAnyJob(jobs));
	}

	/** Who this worker is, for logs: host and process. */
	String name() {
		return this.host + ":" + this.pid;
	}

	@Override
	public void start() {
		this.jdbc.update(REGISTER, this.id, this.host, this.pid, this.model.name(), this.model.gpuLayers(),
				this.model.slots(), this.model.instances());
		this.heartbeat = this.scheduler.scheduleWithFixedDelay(this::beat, this.properties.heartbeatInterval());
		this.taking = true;
		log.info("Worker {} ({}) is up: it takes up to {} partition(s) at a time of runs started by any Sift process "
				+ "on this database; model {}, {} slot(s), GPU layers {}", name(), this.id,
				this.properties.partitions(), this.model.name(), this.model.slots(), this.model.gpuLayers());
	}

	/** Whether this worker takes one more partition: the channel is polled only then. */
	boolean hasRoom() {
		return this.taking && this.busy.get() < this.properties.partitions();
	}

	/**
	 * Claims a partition, in the transaction that took its request off the channel. A request for a partition that
	 * has ended (its run was restarted or stopped since it was sent) is dropped, and so is a message this worker
	 * cannot read, so that it does not hold up the requests behind it.
	 */
	void claim(Message<?> message) {
		if (!(message.getPayload() instanceof StepExecutionRequest request)) {
			log.error("Dropped a message of the partition channel that worker {} cannot read as a partition request: {}. "
					+ "A Sift of another version sent it, or something other than Sift. Run managers and workers of one "
					+ "version; a run waiting for that partition takes it up again when it is stopped and started again",
					name(), message.getPayload() instanceof PartitionRequests.Unreadable unreadable
							? "message " + unreadable.messageId() + ": " + unreadable.reason()
							: "it holds a " + message.getPayload().getClass().getName());
			return;
		}
		StepExecution partition = this.jobRepository.getStepExecution(request.getStepExecutionId());
		if (partition == null || !partition.getStatus().isRunning() || !partition.getJobExecution().isRunning()) {
			log.info("Dropping a request for partition {}: {}", request.getStepExecutionId(),
					partition == null ? "no such step execution" : "it is " + partition.getStatus()
							+ " and its run " + partition.getJobExecution().getStatus());
			return;
		}
		long attemptId = this.jdbc.queryForObject(CLAIM, Long.class, partition.getId(), this.id);
		this.jdbc.update(CURRENT, partition.getId(), this.id);
		this.busy.incrementAndGet();
		this.claimed.add(attemptId);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				Worker.this.partitionThreads.execute(() -> process(request, attemptId));
			}

			@Override
			public void afterCompletion(int status) {
				if (status != STATUS_COMMITTED) {
					Worker.this.claimed.remove(attemptId);
					Worker.this.busy.decrementAndGet();
				}
			}

		});
	}

	private void process(StepExecutionRequest request, long attemptId) {
		long stepExecutionId = request.getStepExecutionId();
		if (!this.taking) {
			// Stopping began after the claim: the attempt stays running on a stopped worker, which the manager
			// hands over at its next look.
			this.claimed.remove(attemptId);
			this.busy.decrementAndGet();
			return;
		}
		this.running.put(stepExecutionId, new Running(attemptId, Instant.now()));
		this.claimed.remove(attemptId);
		try {
			StepExecution partition = this.requestHandler.handle(request);
			ended(attemptId, partition);
		}
		catch (RuntimeException ex) {
			log.error("Partition {} failed on worker {}: {}", stepExecutionId, name(), ex.getMessage());
			this.handovers.ended(attemptId, "failed", ex.getMessage());
		}
		finally {
			this.running.remove(stepExecutionId);
			this.busy.decrementAndGet();
			try {
				this.jdbc.update(IDLE, this.id, stepExecutionId);
			}
			catch (DataAccessException ex) {
				log.warn("Cannot record that worker {} is idle: {}", name(), ex.getMostSpecificCause().getMessage());
			}
		}
	}

	/** Records how the attempt ended, unless it was handed over meanwhile (this worker was thought lost). */
	private void ended(long attemptId, StepExecution partition) {
		BatchStatus status = partition.getStatus();
		String outcome = status == BatchStatus.COMPLETED ? "completed"
				: status == BatchStatus.STOPPED ? "stopped" : "failed";
		// The description's first line: the reason, or the exception's message before its stack trace.
		String reason = status == BatchStatus.COMPLETED ? null
				: partition.getExitStatus().getExitDescription().strip().lines().findFirst().orElse(null);
		if (!this.handovers.ended(attemptId, outcome, reason)) {
			log.warn("Partition {} of run {} was handed to another worker while {} worked on it: its last chunk here "
					+ "did not commit", partition.getStepName(), partition.getJobExecutionId(), name());
			return;
		}
		log.info("Partition {} of run {} ended {} on worker {}", partition.getStepName(),
				partition.getJobExecutionId(), status, name());
	}

	/**
	 * Records that this worker is alive and how far its partition is. A partition handed to another worker meanwhile
	 * (this one was thought lost) is stopped here; one the database says this worker runs, but that ended here
	 * without the database hearing of it (it was gone then), goes back to the channel.
	 */
	private void beat() {
		try {
			long records = 0;
			Double rate = null;
			for (Running partition : this.running.values()) {
				StepExecution execution = partition.execution;
				if (execution != null) {
					records = execution.getReadCount() - partition.readAtStart;
					double seconds = Duration.between(partition.started, Instant.now()).toMillis() / 1000.0;
					rate = seconds > 0 ? records / seconds : null;
				}
			}
			this.jdbc.update(HEARTBEAT, records, rate, this.id);
			this.jdbc.query(MINE, (row, number) -> new long[] { row.getLong(1), row.getLong(2) }, this.id)
				.stream()
				.filter(attempt -> this.running.values().stream().noneMatch(partition -> partition.attemptId == attempt[0]))
				.filter(attempt -> !this.claimed.contains(attempt[0]))
				.forEach(attempt -> this.handovers.handOver(attempt[0], attempt[1], "failed", "worker " + name()
						+ " lost the database while it processed the partition"));
			Long[] attempts = this.running.values().stream().map(Running::attemptId).toArray(Long[]::new);
			if (attempts.length > 0) {
				List<Long> taken = this.jdbc.queryForList(TAKEN_FROM_ME, Long.class, this.id, attempts);
				this.running.values()
					.stream()
					.filter(partition -> taken.contains(partition.attemptId) && partition.execution != null)
					.forEach(partition -> partition.execution.setTerminateOnly());
			}
		}
		catch (DataAccessException ex) {
			log.warn("Worker {} cannot send its heartbeat: {}", name(), ex.getMostSpecificCause().getMessage());
		}
	}

	@Override
	public void stop() {
		this.taking = false;
		if (this.heartbeat != null) {
			this.heartbeat.cancel(false);
		}
		for (Map.Entry<Long, Running> entry : this.running.entrySet()) {
			Running partition = entry.getValue();
			try {
				if (this.handovers.handOver(partition.attemptId, entry.getKey(), "stopped",
						"worker " + name() + " stopped")) {
					log.info("Worker {} is stopping: partition {} goes back to the channel for the next worker",
							name(), entry.getKey());
				}
			}
			catch (DataAccessException ex) {
				log.warn("Worker {} cannot hand partition {} back ({}); it is handed over once its heartbeat is "
						+ "older than {}", name(), entry.getKey(), ex.getMostSpecificCause().getMessage(),
						this.properties.lostAfter());
			}
			if (partition.execution != null) {
				partition.execution.setTerminateOnly();
			}
		}
		try {
			this.jdbc.update(STOPPED, this.id);
		}
		catch (DataAccessException ex) {
			log.warn("Worker {} cannot record that it stopped: {}", name(), ex.getMostSpecificCause().getMessage());
		}
		awaitPartitionsEnded();
	}

	/**
	 * Waits (at most {@link #STOP_WAIT}) for the steps of partitions handed back to end, so the model is not closed
	 * under a chunk: they end at their next chunk, which cannot commit any more.
	 */
	private void awaitPartitionsEnded() {
		long deadline = System.nanoTime() + STOP_WAIT.toNanos();
		while (!this.running.isEmpty() && System.nanoTime() - deadline < 0) {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.taking;
	}

	/**
	 * Stops before the channel's poller, the partition threads and the model: once stopping has begun it takes no
	 * partition, and the ones it had are handed back while it can still say so.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1024;
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return ManagementFactory.getRuntimeMXBean().getName().replaceFirst("^\\d+@", "");
		}
	}

	/**
	 * The step the request handler executes: the {@code process} step of whichever job the partition's run is of,
	 * a new one for each partition.
	 */
	private final class PartitionOfAnyJob implements Step {

		private final SpecJobs jobs;

		PartitionOfAnyJob(SpecJobs jobs) {
			this.jobs = jobs;
		}

		@Override
		public String getName() {
			return SpecJobs.PROCESS_STEP;
		}

		@Override
		public void execute(StepExecution stepExecution) throws JobInterruptedException {
			Running partition = Worker.this.running.get(stepExecution.getId());
			if (partition != null) {
				partition.execution = stepExecution;
				partition.readAtStart = stepExecution.getReadCount();
			}
			this.jobs.partitionStep(stepExecution.getJobExecution().getJobInstance().getJobName())
				.execute(stepExecution);
		}

	}

	/** A partition this worker is processing. */
	private static final class Running {

		private final long attemptId;

		private final Instant started;

		private volatile StepExecution execution;

		private volatile long readAtStart;

		Running(long attemptId, Instant started) {
			this.attemptId = attemptId;
			this.started = started;
		}

		long attemptId() {
			return this.attemptId;
		}

	}

}
