package dev.sift.review;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.sift.definition.GenerateSpec;
import dev.sift.definition.JobSpec;
import dev.sift.job.SpecJobs;
import dev.sift.result.ResultFilter;
import dev.sift.result.ResultStatus;
import dev.sift.result.ResultStore;
import dev.sift.result.StoredResult;

/**
 * Generated copy waiting for a person: each draft beside the product's source fields, to edit, approve or reject
 * with a reason; approved copy as CSV. Drafts that broke the rules are listed first, to fix by hand.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class CopyController {

	private final ResultStore results;

	private final Corrections corrections;

	private final Reviews reviews;

	private final SpecJobs jobs;

	private final ReviewExports exports;

	CopyController(ResultStore results, Corrections corrections, Reviews reviews, SpecJobs jobs,
			ReviewExports exports) {
		this.results = results;
		this.corrections = corrections;
		this.reviews = reviews;
		this.jobs = jobs;
		this.exports = exports;
	}

	@GetMapping("/copy")
	String drafts(@RequestParam(required = false) String job, @RequestParam(required = false) String source,
			@RequestParam(defaultValue = "1") int page, Model model) {
		List<String> generateJobs = generateJobs();
		List<String> listed = job == null || job.isBlank() ? generateJobs
				: generateJobs.stream().filter(job::equals).toList();
		ResultFilter filter = ResultFilter.ALL.withJobs(listed)
			.withSource(source == null || source.isBlank() ? null : source.strip())
			.withStatuses(List.of(ResultStatus.NEEDS_REVIEW, ResultStatus.DRAFT));
		ItemsPage items = Pages.queue(this.results, listed.isEmpty() ? null : filter, page, ReviewController.PAGE_SIZE);
		model.addAttribute("jobs", generateJobs);
		model.addAttribute("job", job == null ? "" : job);
		model.addAttribute("source", source == null ? "" : source);
		model.addAttribute("page", items);
		model.addAttribute("items", items.items().stream().map(this::copyItem).toList());
		model.addAttribute("back", Pages.back("/copy", job, source, null, null, null, items.page()));
		return "copy";
	}

	/** Saves edits, or with {@code decision=approve} saves them and approves the copy. */
	@PostMapping("/copy/{id}")
	String edit(@PathVariable long id, @RequestParam MultiValueMap<String, String> form,
			@RequestParam(defaultValue = "save") String decision, @RequestParam(defaultValue = "/copy") String back,
			Authentication user, RedirectAttributes redirect) {
		return Pages.act(redirect, id, back, "/copy", () -> {
			JobSpec spec = this.jobs.specs().get(Pages.jobOf(this.results, id));
			Map<String, Object> values = FieldForm.parse(spec.task().fields(), form);
			if (decision.equals("approve")) {
				this.reviews.approve(id, values, user.getName());
				return "Approved result " + id;
			}
			this.reviews.edit(id, values, user.getName());
			return "Saved the edits of result " + id;
		});
	}

	@PostMapping("/copy/{id}/reject")
	String reject(@PathVariable long id, @RequestParam(required = false) String reason,
			@RequestParam(defaultValue = "/copy") String back, Authentication user, RedirectAttributes redirect) {
		return Pages.act(redirect, id, back, "/copy", () -> {
			this.reviews.reject(id, reason, user.getName());
			return "Rejected result " + id;
		});
	}

	/**
	 * Approved copy as CSV. A job on a {@code postgres} table with {@code outputs.write-back} also gets approved copy
	 * written to its columns as each draft is approved.
	 */
	@GetMapping("/copy/approved.csv")
	void approved(@RequestParam String job, HttpServletResponse response) throws IOException {
		JobSpec spec = Pages.job(this.jobs, job);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + job + "-approved.csv\"");
		try (Writer writer = response.getWriter()) {
			this.exports.approvedCopy(spec, writer);
		}
	}

	private List<String> generateJobs() {
		return this.jobs.specs()
			.all()
			.stream()
			.filter(spec -> spec.task() instanceof GenerateSpec)
			.map(JobSpec::name)
			.toList();
	}

	private CopyItem copyItem(StoredResult item) {
		JobSpec spec = this.jobs.specs().get(item.job());
		Map<String, Object> values = item.labels().isEmpty() ? this.jobs.prompt(spec.name()).fieldsOf(item.rawOutput())
				: item.labels();
		return new CopyItem(item, Pages.sourceFields(spec, item), FieldForm.inputs(spec.task().fields(), values),
				this.jobs.prompt(spec.name()).check(values), this.corrections.of(item.id()));
	}

	/**
	 * A draft with its source fields, an input per field, what breaks the job's rules (lengths, banned words) and
	 * the edits made so far.
	 */
	record CopyItem(StoredResult item, List<Map.Entry<String, String>> sourceFields, List<FieldForm.FieldInput> inputs,
			List<String> problems, List<Corrections.Correction> history) {
	}

}
