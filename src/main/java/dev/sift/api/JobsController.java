package dev.sift.api;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.sift.job.SpecJobs;

@RestController
@RequestMapping("/api/jobs")
@Tag(name = "Jobs", description = "The job specs Sift runs")
class JobsController {

	private final SpecJobs jobs;

	JobsController(SpecJobs jobs) {
		this.jobs = jobs;
	}

	@GetMapping
	@Operation(summary = "Every job spec")
	List<JobView> list() {
		return this.jobs.specs().all().stream().map(JobView::of).toList();
	}

	@GetMapping("/{job}")
	@Operation(summary = "One job spec", description = "404 for an unknown job, naming the closest one")
	JobView get(@PathVariable String job) {
		return JobView.of(this.jobs.specs().get(job));
	}

}
