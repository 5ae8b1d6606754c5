package dev.sift.review;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import dev.sift.definition.JobSpec;
import dev.sift.definition.UnknownJobException;
import dev.sift.job.SpecJobs;
import dev.sift.result.ResultFilter;
import dev.sift.result.ResultOrder;
import dev.sift.result.ResultPage;
import dev.sift.result.ResultStore;
import dev.sift.result.StoredResult;

/** What the review pages share: where to go back to after a form, and how an action's outcome is shown. */
final class Pages {

	private Pages() {
	}

	/** The page being shown, with its filters, for forms to return to. */
	static String back(String path, String job, String source, String label, LocalDate from, LocalDate to,
			int page) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
		addIfSet(uri, "job", job);
		addIfSet(uri, "source", source);
		addIfSet(uri, "label", label);
		addIfSet(uri, "from", from == null ? null : from.toString());
		addIfSet(uri, "to", to == null ? null : to.toString());
		if (page > 1) {
			uri.queryParam("page", page);
		}
		return uri.encode().build().toUriString();
	}

	/**
	 * Where a form returns to: the page it came from when that is one of this page's own URLs, never anywhere else,
	 * so a forged form cannot send a reviewer off to another site.
	 */
	static String safeBack(String back, String page) {
		boolean own = back != null && back.startsWith(page)
				&& (back.length() == page.length() || back.charAt(page.length()) == '?') && !back.contains("\\")
				&& back.chars().noneMatch(Character::isISOControl);
		return own ? back : page;
	}

	/** Runs an action on one result, showing its message, or its problem beside the result. */
	static String act(RedirectAttributes redirect, long id, String back, String page, Supplier<String> action) {
		try {
			redirect.addFlashAttribute("message", action.get());
		}
		catch (InvalidReviewException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			redirect.addFlashAttribute("errorId", id);
		}
		return "redirect:" + safeBack(back, page);
	}

	/** A record's source fields: the spec's extra columns in spec order, then any others the result kept. */
	static List<Map.Entry<String, String>> sourceFields(JobSpec spec, StoredResult item) {
		List<Map.Entry<String, String>> fields = new ArrayList<>();
		spec.source().extraColumns().forEach(column -> fields.add(Map.entry(column, item.fields().getOrDefault(column, ""))));
		item.fields().forEach((column, value) -> {
			if (!spec.source().extraColumns().contains(column)) {
				fields.add(Map.entry(column, value));
			}
		});
		return fields;
	}

	/**
	 * The page of a queue (needs review first, then the newest), numbered from 1; a page past the end shows the
	 * last one.
	 * @param filter {@code null} when no job is listed: an empty queue
	 */
	static ItemsPage queue(ResultStore results, ResultFilter filter, int page, int size) {
		if (filter == null) {
			return ItemsPage.empty(size);
		}
		ResultPage found = results.page(filter, ResultOrder.NEEDS_REVIEW_FIRST, Math.max(page, 1) - 1, size);
		if (found.items().isEmpty() && found.totalItems() > 0) {
			found = results.page(filter, ResultOrder.NEEDS_REVIEW_FIRST, (int) ((found.totalItems() - 1) / size), size);
		}
		return ItemsPage.of(found);
	}

	/** The job a result belongs to, for parsing a form by its fields. */
	static String jobOf(ResultStore results, long id) {
		return results.find(id)
			.map(StoredResult::job)
			.orElseThrow(() -> new InvalidReviewException("There is no result " + id));
	}

	/** Midnight (UTC) starting a day, or {@code null}. */
	static Instant startOf(LocalDate day) {
		return day == null ? null : day.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	/** The job a download names; an unknown one is a page that does not exist. */
	static JobSpec job(SpecJobs jobs, String name) {
		try {
			return jobs.specs().get(name);
		}
		catch (UnknownJobException ex) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, ex.getMessage());
		}
	}

	private static void addIfSet(UriComponentsBuilder uri, String name, String value) {
		if (value != null && !value.isBlank()) {
			uri.queryParam(name, value);
		}
	}

}
