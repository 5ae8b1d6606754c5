package dev.sift.api;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.sift.job.RunOptions;
import dev.sift.job.SpecJobs;
import dev.sift.run.RunService;
import dev.sift.run.RunViews;
import dev.sift.run.RunViews.RunFilter;
import dev.sift.run.RunViews.RunPage;
import dev.sift.run.RunViews.RunView;
import dev.sift.support.Excerpt;

/** Runs: started, watched, stopped and restarted. Starting, stopping and restarting are for admins. */
@RestController
@Tag(name = "Runs", description = "Runs of jobs: start, watch, stop, restart")
class RunsController {

	private final RunService runs;

	private final RunViews views;

	private final SpecJobs jobs;

	RunsController(RunService runs, RunViews views, SpecJobs jobs) {
		this.runs = runs;
		this.views = views;
		this.jobs = jobs;
	}

	@PostMapping("/api/jobs/{job}/runs")
	@Operation(summary = "Start a run (ADMIN)", description = """
			Starts a run in the background and answers once it has begun: 202 with the run and its Location. \
			An unfinished run of the same input is resumed instead. 409 while the job runs, 503 when \
			sift.service.max-concurrent-runs runs are under way.""")
	ResponseEntity<RunView> start(@PathVariable String job, @RequestBody(required = false) StartRunRequest request) {
		StartRunRequest body = request == null ? new StartRunRequest(null, null, null, null) : request;
		if (body.limit() != null && body.limit() < 1) {
			throw new InvalidParameterException("limit", "must be at least 1, was " + body.limit());
		}
		if (body.partitions() != null && (body.partitions() < 1 || body.partitions() > RunOptions.MAX_PARTITIONS)) {
			throw new InvalidParameterException("partitions",
					"must be 1 to " + RunOptions.MAX_PARTITIONS + ", was " + body.partitions());
		}
		JobExecution execution = this.runs.start(job, body.input(),
				new RunOptions(Boolean.TRUE.equals(body.reprocess()), body.limit(), body.partitions()));
		return accepted(execution);
	}

	@GetMapping("/api/runs")
	@Operation(summary = "Runs, newest first", description = "Filters: job, status (a Spring Batch status such as "
			+ "STARTED, COMPLETED, FAILED, STOPPED), from and to (creation time: ISO-8601 instant or date, "
			+ "from inclusive, to exclusive).")
	RunPage list(@RequestParam(required = false) String job, @RequestParam(required = false) String status,
			@Parameter(example = "2026-05-01") @RequestParam(required = false) String from,
			@Parameter(example = "2026-05-02T00:00:00Z") @RequestParam(required = false) String to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		QueryParameters.checkPage(page, size);
		RunFilter filter = new RunFilter(job == null ? null : QueryParameters.job(this.jobs.specs(), job).name(),
				status(status), QueryParameters.instant("from", from), QueryParameters.instant("to", to));
		return this.views.list(filter, page, size);
	}

	@GetMapping("/api/runs/{id}")
	@Operation(summary = "One run", description = "Counts, and while it runs its speed and the time left")
	RunView get(@PathVariable long id) {
		return this.views.find(id);
	}

	@PostMapping("/api/runs/{id}/stop")
	@Operation(summary = "Stop a run (ADMIN)",
			description = "It stops after its current chunk (STOPPING, then STOPPED) and can be restarted")
	ResponseEntity<RunView> stop(@PathVariable long id) {
		this.runs.stop(id);
		return ResponseEntity.accepted().body(this.views.find(id));
	}

	@PostMapping("/api/runs/{id}/restart")
	@Operation(summary = "Restart a failed or stopped run (ADMIN)",
			description = "Goes on after its last committed chunk, as a new run (execution) of the same job instance")
	ResponseEntity<RunView> restart(@PathVariable long id) {
		return accepted(this.runs.restart(id));
	}

	private ResponseEntity<RunView> accepted(JobExecution execution) {
		return ResponseEntity.accepted()
			.location(URI.create("/api/runs/" + execution.getId()))
			.body(this.views.find(execution.getId()));
	}

	private static BatchStatus status(String status) {
		if (status == null || status.isBlank()) {
			return null;
		}
		try {
			return BatchStatus.valueOf(status.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidParameterException("status", "'" + Excerpt.of(status) + "' is none of "
					+ Arrays.stream(BatchStatus.values()).map(BatchStatus::name).collect(Collectors.joining(", ")));
		}
	}

}
