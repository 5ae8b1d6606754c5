package dev.sift.review;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.ai.chat.messages.Message;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.sift.definition.FieldSpec;
import dev.sift.definition.JobSpec;
import dev.sift.job.JobTrials;
import dev.sift.job.JobTrials.Trial;
import dev.sift.job.SpecJobs;
import dev.sift.result.StoredResult;

/**
 * The Try page: pick a job, paste a text, and see what a run would make of it: the structured reply, the job's rules
 * it kept or broke, the raw reply, tokens and time, and the messages the model got. Nothing is stored. For
 * reviewers, who write and tune job specs with it.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class TryController {

	private static final String COLUMN = "column.";

	private final SpecJobs jobs;

	private final JobTrials trials;

	TryController(SpecJobs jobs, JobTrials trials) {
		this.jobs = jobs;
		this.trials = trials;
	}

	@GetMapping("/try")
	String form(@RequestParam(required = false) String job, Model model) {
		JobSpec spec = job == null || job.isBlank() ? this.jobs.specs().all().get(0) : Pages.job(this.jobs, job);
		page(model, spec, "", Map.of());
		return "try";
	}

	@PostMapping("/try")
	String run(@RequestParam String job, @RequestParam(defaultValue = "") String text,
			@RequestParam MultiValueMap<String, String> form, Model model) {
		JobSpec spec = Pages.job(this.jobs, job);
		Map<String, String> columns = new LinkedHashMap<>();
		spec.source().extraColumns().forEach(column -> columns.put(column, form.getFirst(COLUMN + column) == null ? ""
				: form.getFirst(COLUMN + column)));
		page(model, spec, text, columns);
		Trial trial = this.trials.run(spec.name(), text, columns);
		model.addAttribute("trial", trial);
		model.addAttribute("messages", trial.messages().stream().map(TryController::message).toList());
		model.addAttribute("rules", spec.task().fields().stream().map(field -> rule(field, trial)).toList());
		model.addAttribute("values", spec.task().fields().stream()
			.filter(field -> trial.labels().containsKey(field.name()))
			.map(field -> Map.entry(field.name(), StoredResult.text(trial.labels().get(field.name()))))
			.toList());
		return "try";
	}

	private void page(Model model, JobSpec spec, String text, Map<String, String> columns) {
		model.addAttribute("jobs", this.jobs.specs().all().stream().map(JobSpec::name).toList());
		model.addAttribute("job", spec.name());
		model.addAttribute("text", text);
		Map<String, String> values = new LinkedHashMap<>();
		spec.source().extraColumns().forEach(column -> values.put(column, columns.getOrDefault(column, "")));
		model.addAttribute("columns", values);
	}

	/** A field's rule, and what of the reply broke it: the checks a reply passed are the fields without problems. */
	private static FieldRule rule(FieldSpec field, Trial trial) {
		List<String> problems = trial.broken()
			.stream()
			.filter(problem -> problem.startsWith(field.name() + ":") || problem.contains("'" + field.name() + "'"))
			.toList();
		String bounds = FieldForm.bounds(field);
		String labels = field.labels().isEmpty() ? "" : "one of " + String.join(", ", field.labels().keySet());
		String rule = field.type().code() + (labels.isEmpty() ? "" : ", " + labels)
				+ (bounds.isEmpty() ? "" : ", " + bounds);
		return new FieldRule(field.name(), rule, trial.rawOutput() != null && problems.isEmpty(), problems);
	}

	private static Map.Entry<String, String> message(Message message) {
		return Map.entry(message.getMessageType().getValue(), message.getText() == null ? "" : message.getText());
	}

	/**
	 * @param kept whether the reply kept the rule (there was a reply, and nothing of it broke the rule)
	 */
	record FieldRule(String field, String rule, boolean kept, List<String> problems) {
	}

}
