package dev.sift.run;

import java.util.List;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.sift.definition.JobSpec;
import dev.sift.definition.UnknownJobException;
import dev.sift.job.RunOptions;
import dev.sift.job.SpecJobs;
import dev.sift.result.ResultFilter;
import dev.sift.result.ResultOrder;
import dev.sift.result.ResultStatus;
import dev.sift.result.ResultStore;
import dev.sift.result.StoredResult;
import dev.sift.worker.WorkerViews;

/**
 * The runs pages: every run with its progress, starting a job with parameters, stopping and restarting, and one
 * run's steps, its partitions when workers share it out, and the records it could not classify. Live figures come
 * from {@code /api/runs/{id}}, which {@code runs.js} polls while a run is under way. A start, stop or restart the
 * service refuses is shown on the page; anything else that fails is an error page, and in the log.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class RunPagesController {

	static final int PAGE_SIZE = 20;

	/** Records of each kind shown on a run's page; the review queue has them all. */
	static final int PROBLEMS_SHOWN = 50;

	private final RunViews runs;

	private final RunService service;

	private final SpecJobs jobs;

	private final ResultStore results;

	private final WorkerViews workers;

	RunPagesController(RunViews runs, RunService service, SpecJobs jobs, ResultStore results, WorkerViews workers) {
		this.runs = runs;
		this.service = service;
		this.jobs = jobs;
		this.results = results;
		this.workers = workers;
	}

	@GetMapping("/runs")
	String list(@RequestParam(required = false) String job, @RequestParam(required = false) BatchStatus status,
			@RequestParam(defaultValue = "1") int page, Model model) {
		String knownJob = job == null || job.isBlank() ? null : knownJob(job);
		int current = Math.max(page, 1);
		RunViews.RunPage runs = this.runs.list(new RunViews.RunFilter(knownJob, status, null, null), current - 1,
				PAGE_SIZE);
		model.addAttribute("runs", runs.items());
		model.addAttribute("page", current);
		model.addAttribute("pages", Math.max(1, (runs.totalItems() + PAGE_SIZE - 1) / PAGE_SIZE));
		model.addAttribute("job", knownJob);
		model.addAttribute("status", status);
		model.addAttribute("statuses", BatchStatus.values());
		model.addAttribute("jobs", this.jobs.specs().all().stream().map(JobSpec::name).toList());
		return "runs";
	}

	@GetMapping("/runs/{id}")
	String detail(@PathVariable long id, Model model) {
		RunViews.RunView run;
		try {
			run = this.runs.find(id);
		}
		catch (RunNotFoundException ex) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, ex.getMessage());
		}
		JobExecution execution = this.service.find(id);
		model.addAttribute("run", run);
		model.addAttribute("steps", execution.getStepExecutions());
		model.addAttribute("partitions", this.workers.partitions(id).orElse(List.of()));
		model.addAttribute("needsReview", problems(run, ResultStatus.NEEDS_REVIEW));
		model.addAttribute("failed", problems(run, ResultStatus.FAILED));
		model.addAttribute("shown", PROBLEMS_SHOWN);
		return "run";
	}

	@PostMapping("/runs")
	String start(@RequestParam String job, @RequestParam(required = false) String input,
			@RequestParam(defaultValue = "false") boolean reprocess, @RequestParam(required = false) Long limit,
			RedirectAttributes redirect) {
		try {
			JobExecution execution = this.service.start(job, input == null || input.isBlank() ? null : input.strip(),
					new RunOptions(reprocess, limit));
			redirect.addFlashAttribute("message", "Started run " + execution.getId() + " of " + job);
			return "redirect:/runs/" + execution.getId();
		}
		catch (RunRefusedException | UnknownJobException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/runs";
		}
	}

	@PostMapping("/runs/{id}/stop")
	String stop(@PathVariable long id, RedirectAttributes redirect) {
		try {
			this.service.stop(id);
			redirect.addFlashAttribute("message", "Stopping run " + id + " after its current chunk");
		}
		catch (RunRefusedException | RunNotFoundException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/runs/" + id;
	}

	@PostMapping("/runs/{id}/restart")
	String restart(@PathVariable long id, RedirectAttributes redirect) {
		try {
			JobExecution execution = this.service.restart(id);
			redirect.addFlashAttribute("message", "Restarted run " + id + " as run " + execution.getId());
			return "redirect:/runs/" + execution.getId();
		}
		catch (RunRefusedException | RunNotFoundException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/runs/" + id;
		}
	}

	/** A job filter names a job there is; a typo is the client's to fix (400), not a page that does not exist. */
	private String knownJob(String job) {
		try {
			return this.jobs.specs().get(job).name();
		}
		catch (UnknownJobException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
	}

	private List<StoredResult> problems(RunViews.RunView run, ResultStatus status) {
		return this.results.page(ResultFilter.ofRun(run.instanceId(), status), ResultOrder.NEWEST_FIRST, 0,
				PROBLEMS_SHOWN).items();
	}

}
