package dev.sift.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.CronTrigger;

import dev.sift.definition.JobSpec;
import dev.sift.definition.ScheduleSpec;
import dev.sift.job.SpecJobs;
import dev.sift.run.JobAlreadyRunningException;
import dev.sift.run.RunAlreadyCompleteException;
import dev.sift.run.RunService;
import dev.sift.run.TooManyRunsException;

/**
 * Starts each job with a schedule at its cron times. A run is identified by its run date (the day of the trigger in
 * the schedule's zone), so one night is one job instance: a second start for the same night, from this process or
 * another Sift on the same database, is refused, or resumes the night's run if it failed. A job still running when
 * its next trigger fires is not started twice (its lock is held). At start-up, nights missed while Sift was down
 * are reported, and the latest of them is started when the spec asks for catching up.
 */
public class NightlyScheduler implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(NightlyScheduler.class);

	/** How far back missed runs are looked for: a week covers a long weekend of downtime. */
	static final Duration LOOK_BACK = Duration.ofDays(7);

	private final SpecJobs jobs;

	private final RunService runs;

	private final JobRepository jobRepository;

	private final TaskScheduler taskScheduler;

	private final Clock clock;

	private final Instant installedAt;

	private final List<ScheduledFuture<?>> triggers = new ArrayList<>();

	private volatile boolean running;

	/**
	 * @param installedAt when Sift first started on this database: nights before it cannot have been missed
	 */
	public NightlyScheduler(SpecJobs jobs, RunService runs, JobRepository jobRepository, TaskScheduler taskScheduler,
			Clock clock, Instant installedAt) {
		this.jobs = jobs;
		this.runs = runs;
		this.jobRepository = jobRepository;
		this.taskScheduler = taskScheduler;
		this.clock = clock;
		this.installedAt = installedAt;
	}

	/** The jobs that have a schedule. */
	public List<JobSpec> scheduled() {
		return this.jobs.specs().all().stream().filter(spec -> spec.schedule() != null).toList();
	}

	/**
	 * Starts the run of {@code spec} for the night of {@code triggerTime}, unless that night's run is under way or
	 * done.
	 * @return the run, or {@code null} when it was not started
	 */
	public JobExecution fire(JobSpec spec, ZonedDateTime triggerTime) {
		LocalDate runDate = triggerTime.withZoneSameInstant(spec.schedule().zone()).toLocalDate();
		try {
			JobExecution execution = this.runs.startScheduled(spec, runDate);
			log.info("Scheduled run {} of {} for {} started", execution.getId(), spec.name(), runDate);
			return execution;
		}
		catch (JobAlreadyRunningException | TooManyRunsException ex) {
			log.warn("Scheduled run of {} for {} not started: {}", spec.name(), runDate, ex.getMessage());
		}
		catch (RunAlreadyCompleteException ex) {
			log.info("Scheduled run of {} for {} not started: that night's run has completed", spec.name(), runDate);
		}
		catch (RuntimeException ex) {
			log.error("Scheduled run of {} for {} could not start", spec.name(), runDate, ex);
		}
		return null;
	}

	/**
	 * The trigger times of the last {@link #LOOK_BACK} (since Sift was installed) that have no run, oldest first, for
	 * every scheduled job.
	 */
	public List<MissedRun> missedRuns() {
		ZonedDateTime now = ZonedDateTime.now(this.clock);
		List<MissedRun> missed = new ArrayList<>();
		for (JobSpec spec : scheduled()) {
			ScheduleSpec schedule = spec.schedule();
			CronExpression cron = CronExpression.parse(schedule.cron());
			Instant lookBack = now.toInstant().minus(LOOK_BACK);
			Instant since = this.installedAt.isAfter(lookBack) ? this.installedAt : lookBack;
			ZonedDateTime trigger = cron.next(since.atZone(schedule.zone()));
			while (trigger != null && !trigger.isAfter(now)) {
				if (!hasRun(spec, trigger.toLocalDate())) {
					missed.add(new MissedRun(spec.name(), trigger, schedule.catchUp()));
				}
				trigger = cron.next(trigger);
			}
		}
		return missed;
	}

	private boolean hasRun(JobSpec spec, LocalDate runDate) {
		String input = this.jobs.inputs(spec, null).get(0);
		return this.jobRepository.getJobInstance(spec.name(),
				SpecJobs.scheduledParameters(input, SpecJobs.output(spec, input), runDate)) != null;
	}

	/**
	 * Reports missed nights and catches up the latest missed night of each job that asks for it: one run processes
	 * everything new since, so running each missed night in turn would only repeat it.
	 */
	@Override
	public void start() {
		Map<String, List<MissedRun>> missedByJob = missedRuns().stream()
			.collect(Collectors.groupingBy(MissedRun::jobName, LinkedHashMap::new, Collectors.toList()));
		Map<String, MissedRun> latestMissed = new LinkedHashMap<>();
		missedByJob.forEach((job, missed) -> {
			MissedRun latest = missed.get(missed.size() - 1);
			log.warn("Missed {} scheduled run(s) of {}: {}{}", missed.size(), job,
					missed.stream().map(run -> run.triggerTime().toString()).collect(Collectors.joining(", ")),
					latest.catchUp() ? "" : " (set schedule.catch-up: true to run the latest missed night)");
			latestMissed.put(job, latest);
		});
		latestMissed.values().stream().filter(MissedRun::catchUp).forEach(missed -> {
			log.info("Catching up the missed run of {} at {}", missed.jobName(), missed.triggerTime());
			fire(this.jobs.specs().get(missed.jobName()), missed.triggerTime());
		});
		for (JobSpec spec : scheduled()) {
			CronTrigger trigger = new CronTrigger(spec.schedule().cron(), spec.schedule().zone());
			this.triggers.add(this.taskScheduler.schedule(
					() -> fire(spec, ZonedDateTime.now(this.clock).withZoneSameInstant(spec.schedule().zone())),
					trigger));
			log.info("{} runs on schedule '{}' ({})", spec.name(), spec.schedule().cron(), spec.schedule().zone());
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.triggers.forEach(trigger -> trigger.cancel(false));
		this.triggers.clear();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** A scheduled trigger time with no run. */
	public record MissedRun(String jobName, ZonedDateTime triggerTime, boolean catchUp) {
	}

}
