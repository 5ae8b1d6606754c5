package dev.sift.api;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.sift.definition.JobSpec;
import dev.sift.job.InvalidLabelFilterException;
import dev.sift.job.SpecJobs;
import dev.sift.job.TaskPrompt;
import dev.sift.result.ResultColumns;
import dev.sift.result.ResultFilter;
import dev.sift.result.ResultFilter.LabelFilter;
import dev.sift.result.ResultOrder;
import dev.sift.result.ResultPage;
import dev.sift.result.ResultStatus;
import dev.sift.result.ResultStore;
import dev.sift.support.Excerpt;

/** Stored results, filtered, a page at a time or all of them as CSV. */
@RestController
@RequestMapping("/api/results")
@Tag(name = "Results", description = "Stored results of every run")
class ResultsController {

	private static final String FILTERS = "Filters: job, status (ok, draft, needs_review, failed), label "
			+ "(field:value of the job's fields, e.g. sentiment:negative, matching a single label or one of a "
			+ "list; needs job), from and to (time stored: ISO-8601 instant or date, from inclusive, to exclusive).";

	private final ResultStore results;

	private final SpecJobs jobs;

	ResultsController(ResultStore results, SpecJobs jobs) {
		this.results = results;
		this.jobs = jobs;
	}

	@GetMapping
	@Operation(summary = "Results, most recently stored first", description = FILTERS)
	ResultPage list(@RequestParam(required = false) String job, @RequestParam(required = false) String status,
			@Parameter(example = "sentiment:negative") @RequestParam(required = false) String label,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		QueryParameters.checkPage(page, size);
		return this.results.page(filter(spec(job), status, label, from, to), ResultOrder.NEWEST_FIRST, page, size);
	}

	@GetMapping(value = "/export.csv", produces = "text/csv")
	@Operation(summary = "Every matching result as CSV, streamed",
			description = FILTERS + " With job, one column per field; otherwise one column of labels as JSON.")
	void export(@RequestParam(required = false) String job, @RequestParam(required = false) String status,
			@RequestParam(required = false) String label, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, HttpServletResponse response) throws IOException {
		JobSpec spec = spec(job);
		ResultFilter filter = filter(spec, status, label, from, to);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				"attachment; filename=\"" + (spec == null ? "results" : spec.name()) + ".csv\"");
		Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		ResultColumns.withOrigin(spec == null ? List.of() : this.jobs.prompt(spec.name()).fieldNames())
			.write(writer, row -> this.results.forEach(filter, ResultOrder.SOURCE_ORDER, row));
	}

	private JobSpec spec(String job) {
		return job == null || job.isBlank() ? null : QueryParameters.job(this.jobs.specs(), job);
	}

	private ResultFilter filter(JobSpec spec, String status, String label, String from, String to) {
		ResultStatus wanted = status(status);
		return ResultFilter.ALL.withJobs(spec == null ? List.of() : List.of(spec.name()))
			.withStatuses(wanted == null ? List.of() : List.of(wanted))
			.withLabel(label(spec, label))
			.storedBetween(QueryParameters.instant("from", from), QueryParameters.instant("to", to));
	}

	private static ResultStatus status(String status) {
		if (status == null || status.isBlank()) {
			return null;
		}
		try {
			return ResultStatus.ofCode(status);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidParameterException("status", "'" + Excerpt.of(status) + "' is none of "
					+ Arrays.stream(ResultStatus.values()).map(ResultStatus::code).collect(Collectors.joining(", ")));
		}
	}

	/** A field of the job's and a value it can have, so a typo is an error rather than a filter that never matches. */
	private LabelFilter label(JobSpec spec, String label) {
		if (label == null || label.isBlank()) {
			return null;
		}
		if (spec == null) {
			throw new InvalidParameterException("label", "filtering by label needs job, whose fields it names");
		}
		try {
			return TaskPrompt.labelFilter(spec.task(), label);
		}
		catch (InvalidLabelFilterException ex) {
			throw new InvalidParameterException("label", ex.getMessage());
		}
	}

}
