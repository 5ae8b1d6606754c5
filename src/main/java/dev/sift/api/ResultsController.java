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

import dev.sift.definition.FieldSpec;
import dev.sift.definition.JobSpec;
import dev.sift.job.SpecJobs;
import dev.sift.result.ResultQueries.LabelFilter;
import dev.sift.result.ResultQueries.ResultFilter;
import dev.sift.result.ResultQueries.ResultPage;
import dev.sift.result.ResultQueries;
import dev.sift.result.ResultStatus;
import dev.sift.support.ClosestName;
import dev.sift.support.Excerpt;

/** Stored results, filtered, a page at a time or all of them as CSV. */
@RestController
@RequestMapping("/api/results")
@Tag(name = "Results", description = "Stored results of every run")
class ResultsController {

	private static final String FILTERS = "Filters: job, status (ok, draft, needs_review, failed), label "
			+ "(field:value of the job's fields, e.g. sentiment:negative, matching a single label or one of a "
			+ "list; needs job), from and to (time stored: ISO-8601 instant or date, from inclusive, to exclusive).";

	private final ResultQueries results;

	private final SpecJobs jobs;

	ResultsController(ResultQueries results, SpecJobs jobs) {
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
		return this.results.page(filter(spec(job), status, label, from, to), page, size);
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
		this.results.writeCsv(filter,
				spec == null ? List.of() : spec.task().fields().stream().map(FieldSpec::name).toList(), writer);
		writer.flush();
	}

	private JobSpec spec(String job) {
		return job == null || job.isBlank() ? null : QueryParameters.job(this.jobs.specs(), job);
	}

	private static ResultFilter filter(JobSpec spec, String status, String label, String from, String to) {
		return new ResultFilter(spec == null ? null : spec.name(), status(status), label(spec, label),
				QueryParameters.instant("from", from), QueryParameters.instant("to", to), null);
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

	/**
	 * A field of the job's and a value the field can have, so a misspelt field or label is an error rather than a
	 * filter that never matches.
	 */
	private static LabelFilter label(JobSpec spec, String label) {
		if (label == null || label.isBlank()) {
			return null;
		}
		int colon = label.indexOf(':');
		if (colon <= 0 || colon == label.length() - 1) {
			throw new InvalidParameterException("label",
					"'" + Excerpt.of(label) + "' is not field:value, e.g. sentiment:negative");
		}
		if (spec == null) {
			throw new InvalidParameterException("label", "filtering by label needs job, whose fields it names");
		}
		String name = label.substring(0, colon);
		String value = label.substring(colon + 1);
		FieldSpec field = spec.task().fields().stream().filter(candidate -> candidate.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new InvalidParameterException("label", "job " + spec.name() + " has no field '"
					+ Excerpt.of(name) + "'; its fields: " + String.join(", ",
							spec.task().fields().stream().map(FieldSpec::name).toList())));
		checkValue(field, value);
		return new LabelFilter(name, value);
	}

	private static void checkValue(FieldSpec field, String value) {
		switch (field.type()) {
			case LABEL, LABELS -> {
				List<String> labels = List.copyOf(field.labels().keySet());
				if (!labels.contains(value)) {
					throw new InvalidParameterException("label", "field " + field.name() + " has no label '"
							+ Excerpt.of(value) + "'" + ClosestName.to(value, labels)
								.map(closest -> "; did you mean '" + closest + "'?")
								.orElse("")
							+ " Its labels: " + String.join(", ", labels));
				}
			}
			case BOOLEAN -> {
				if (!value.equals("true") && !value.equals("false")) {
					throw new InvalidParameterException("label", "field " + field.name() + " is true or false, not '"
							+ Excerpt.of(value) + "'");
				}
			}
			case INTEGER -> requireNumber(field, value, "a whole number", "-?\\d+");
			case NUMBER -> requireNumber(field, value, "a number", "-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
			case TEXT, LIST -> {
			}
		}
	}

	private static void requireNumber(FieldSpec field, String value, String kind, String pattern) {
		if (!value.matches(pattern)) {
			throw new InvalidParameterException("label",
					"field " + field.name() + " is " + kind + ", not '" + Excerpt.of(value) + "'");
		}
	}

}
