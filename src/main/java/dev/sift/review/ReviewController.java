package dev.sift.review;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.sift.definition.ClassifySpec;
import dev.sift.definition.JobSpec;
import dev.sift.job.InvalidLabelFilterException;
import dev.sift.job.SpecJobs;
import dev.sift.job.TaskPrompt;
import dev.sift.result.ResultFilter;
import dev.sift.result.ResultFilter.LabelFilter;
import dev.sift.result.ResultStatus;
import dev.sift.result.ResultStore;
import dev.sift.result.StoredResult;
import dev.sift.support.FilterDates;

/**
 * The review queue of classified results: results that need review first, then the newest valid ones, to accept or
 * correct one by one or accept in bulk; and the reviewed labels as a file for {@code evaluate}.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ReviewController {

	static final int PAGE_SIZE = 20;

	private final ResultStore results;

	private final Reviews reviews;

	private final SpecJobs jobs;

	private final ReviewExports exports;

	ReviewController(ResultStore results, Reviews reviews, SpecJobs jobs, ReviewExports exports) {
		this.results = results;
		this.reviews = reviews;
		this.jobs = jobs;
		this.exports = exports;
	}

	@GetMapping("/review")
	String queue(@RequestParam(required = false) String job, @RequestParam(required = false) String source,
			@RequestParam(required = false) String label,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(defaultValue = "1") int page, Model model, HttpServletResponse response) {
		List<String> classifyJobs = classifyJobs();
		Optional<String> outOfRange = outOfRange("from", from).or(() -> outOfRange("to", to));
		if (outOfRange.isPresent()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("error", outOfRange.get());
		}
		LocalDate fromDay = outOfRange.isPresent() ? null : from;
		LocalDate toDay = outOfRange.isPresent() ? null : to;
		List<String> listed = job == null || job.isBlank() ? classifyJobs
				: classifyJobs.stream().filter(job::equals).toList();
		ResultFilter filter = ResultFilter.ALL.withJobs(listed)
			.withSource(source == null || source.isBlank() ? null : source.strip())
			.withStatuses(List.of(ResultStatus.NEEDS_REVIEW, ResultStatus.OK))
			.storedBetween(Pages.startOf(fromDay), Pages.startOf(toDay == null ? null : toDay.plusDays(1)));
		if (label != null && !label.isBlank()) {
			try {
				filter = filter.withLabel(labelFilter(listed, label.strip()));
			}
			catch (InvalidLabelFilterException ex) {
				model.addAttribute("error", "label: " + ex.getMessage());
			}
		}
		ItemsPage items = Pages.queue(this.results, listed.isEmpty() ? null : filter, page, PAGE_SIZE);
		model.addAttribute("jobs", classifyJobs);
		model.addAttribute("job", job == null ? "" : job);
		model.addAttribute("source", source == null ? "" : source);
		model.addAttribute("label", label == null ? "" : label);
		model.addAttribute("from", fromDay);
		model.addAttribute("to", toDay);
		model.addAttribute("page", items);
		model.addAttribute("items", items.items().stream().map(this::queueItem).toList());
		model.addAttribute("back", Pages.back("/review", job, source, label, fromDay, toDay, items.page()));
		return "review";
	}

	@PostMapping("/review/{id}")
	String correct(@PathVariable long id, @RequestParam MultiValueMap<String, String> form,
			@RequestParam(defaultValue = "/review") String back, Authentication user, RedirectAttributes redirect) {
		return Pages.act(redirect, id, back, "/review", () -> {
			JobSpec spec = this.jobs.specs().get(Pages.jobOf(this.results, id));
			this.reviews.correct(id, FieldForm.parse(spec.task().fields(), form), user.getName());
			return "Saved result " + id + " as reviewed";
		});
	}

	@PostMapping("/review/{id}/accept")
	String accept(@PathVariable long id, @RequestParam(defaultValue = "/review") String back, Authentication user,
			RedirectAttributes redirect) {
		return Pages.act(redirect, id, back, "/review", () -> {
			this.reviews.accept(id, user.getName());
			return "Accepted result " + id;
		});
	}

	@PostMapping("/review/accept")
	String acceptAll(@RequestParam(name = "ids", required = false) List<Long> ids,
			@RequestParam(defaultValue = "/review") String back, Authentication user, RedirectAttributes redirect) {
		List<Long> selected = ids == null ? List.of() : ids;
		List<String> problems = this.reviews.acceptAll(selected, user.getName());
		redirect.addFlashAttribute("message", "Accepted " + (selected.size() - problems.size()) + " of "
				+ selected.size() + " selected results");
		if (!problems.isEmpty()) {
			redirect.addFlashAttribute("error", String.join(" | ", problems));
		}
		return "redirect:" + Pages.safeBack(back, "/review");
	}

	@GetMapping("/review/corrections.csv")
	void corrections(@RequestParam String job, HttpServletResponse response) throws IOException {
		JobSpec spec = Pages.job(this.jobs, job);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + job + "-labelled.csv\"");
		try (Writer writer = response.getWriter()) {
			this.exports.labelled(spec, writer);
		}
	}

	private static Optional<String> outOfRange(String parameter, LocalDate day) {
		return day == null ? Optional.empty()
				: FilterDates.outOfRange(day.toString(), day.getYear()).map(problem -> parameter + ": " + problem);
	}

	private List<String> classifyJobs() {
		return this.jobs.specs()
			.all()
			.stream()
			.filter(spec -> spec.task() instanceof ClassifySpec)
			.map(JobSpec::name)
			.toList();
	}

	/** A label filter names a field of one job: the job chosen, or the only one listed. */
	private LabelFilter labelFilter(List<String> listed, String label) {
		if (listed.size() != 1) {
			throw new InvalidLabelFilterException("choose a job to filter by label: fields and labels are a job's");
		}
		return TaskPrompt.labelFilter(this.jobs.specs().get(listed.get(0)).task(), label);
	}

	private QueueItem queueItem(StoredResult item) {
		JobSpec spec = this.jobs.specs().get(item.job());
		Map<String, Object> values = item.labels().isEmpty() ? this.jobs.prompt(spec.name()).fieldsOf(item.rawOutput())
				: item.labels();
		return new QueueItem(item, Pages.sourceFields(spec, item), FieldForm.inputs(spec.task().fields(), values));
	}

	/** A result in the queue with its source fields in spec order and an input per field. */
	record QueueItem(StoredResult item, List<Map.Entry<String, String>> sourceFields, List<FieldForm.FieldInput> inputs) {
	}

}
