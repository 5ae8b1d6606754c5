package dev.sift.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.sift.definition.FieldSpec;
import dev.sift.definition.FieldSpec.FieldType;
import dev.sift.definition.JobSpec;
import dev.sift.job.SpecJobs;
import dev.sift.result.ResultFilter;
import dev.sift.result.ResultStatus;
import dev.sift.result.ResultStore;
import dev.sift.result.ResultStore.DayCount;
import dev.sift.result.StatusCounts;

/** Per job: how many results are in each status, and per label field how labels are spread and how that moves per day. */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class InsightsController {

	private final ResultStore results;

	private final SpecJobs jobs;

	InsightsController(ResultStore results, SpecJobs jobs) {
		this.results = results;
		this.jobs = jobs;
	}

	@GetMapping("/insights")
	String insights(Model model) {
		model.addAttribute("jobs", this.jobs.specs().all().stream().map(this::jobInsights).toList());
		return "insights";
	}

	private JobInsights jobInsights(JobSpec spec) {
		StatusCounts counts = this.results.countByStatus(ResultFilter.ofJob(spec.name()));
		Map<String, Long> statuses = new LinkedHashMap<>();
		for (ResultStatus status : ResultStatus.values()) {
			statuses.put(status.code(), counts.of(status));
		}
		List<FieldInsights> fields = new ArrayList<>();
		for (FieldSpec field : spec.task().fields()) {
			if (field.type() == FieldType.LABEL || field.type() == FieldType.LABELS) {
				fields.add(fieldInsights(spec, field));
			}
		}
		return new JobInsights(spec.name(), spec.description(), statuses,
				counts.needsReview(), fields);
	}

	private FieldInsights fieldInsights(JobSpec spec, FieldSpec field) {
		List<DayCount> perDay = this.results.countsPerDay(spec.name(), field.name());
		Map<String, Long> totals = new LinkedHashMap<>();
		// The spec's label order keeps colours and rows in the same place from day to day and job to job.
		field.labels().keySet().forEach(label -> totals.put(label, 0L));
		perDay.forEach(count -> totals.merge(count.value(), count.count(), Long::sum));
		totals.values().removeIf(count -> count == 0);
		List<String> values = List.copyOf(totals.keySet());
		return new FieldInsights(field.name(), Charts.distribution(totals), Charts.trend(perDay, values));
	}

	/** @param needingReview results the model could not answer by the rules, waiting in the review queue */
	record JobInsights(String name, String description, Map<String, Long> statuses, long needingReview,
			List<FieldInsights> fields) {
	}

	record FieldInsights(String name, Charts.BarChart distribution, Charts.TrendChart trend) {
	}

}
