package dev.sift.review;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.sift.definition.GenerateSpec;
import dev.sift.definition.JobSpec;
import dev.sift.job.SpecJobs;
import dev.sift.job.TaskPrompt;
import dev.sift.output.Outputs;
import dev.sift.result.ResultStatus;
import dev.sift.result.ResultStore;
import dev.sift.result.StoredResult;
import dev.sift.review.Corrections.Correction;
import dev.sift.review.Corrections.Correction.Action;

/**
 * What reviewers do with results: accept or correct classified labels, edit, approve or reject generated copy.
 * Values are checked by the job's own rules before they are stored, and every decision is added to the correction
 * history with who made it and when. A decision reaches the job's results table and, for reviewed labels and approved
 * copy, the source table's write-back columns in the same transaction; the history says what was written where.
 */
@Service
public class Reviews {

	private static final Set<ResultStatus> REVIEWABLE = Set.of(ResultStatus.OK, ResultStatus.NEEDS_REVIEW,
			ResultStatus.REVIEWED);

	private static final Set<ResultStatus> OPEN_COPY = Set.of(ResultStatus.DRAFT, ResultStatus.NEEDS_REVIEW);

	private final ResultStore results;

	private final Corrections corrections;

	private final SpecJobs jobs;

	private final Outputs outputs;

	private final Clock clock;

	Reviews(ResultStore results, Corrections corrections, SpecJobs jobs, Outputs outputs, Clock clock) {
		this.results = results;
		this.corrections = corrections;
		this.jobs = jobs;
		this.outputs = outputs;
		this.clock = clock;
	}

	/**
	 * Marks a classified result's labels as right as they are.
	 * @throws InvalidReviewException when the labels break the job's rules (a result that needs review has none)
	 */
	@Transactional
	public void accept(long id, String user) {
		StoredResult item = classified(id);
		store(item, item.labels(), ResultStatus.REVIEWED, item.reason(), user, Action.ACCEPT);
	}

	/**
	 * Stores a person's values for a classified result: a correction per changed field, or an accept when nothing
	 * changed. The result becomes {@code reviewed}.
	 * @param values field name to value, for every field of the job
	 */
	@Transactional
	public void correct(long id, Map<String, Object> values, String user) {
		StoredResult item = classified(id);
		store(item, values, ResultStatus.REVIEWED, item.reason(), user, Action.ACCEPT);
	}

	/**
	 * Accepts each result as it is; one that cannot be accepted (labels that break the rules) is left as it was.
	 * @return what could not be accepted, one message per result
	 */
	@Transactional
	public List<String> acceptAll(List<Long> ids, String user) {
		List<String> problems = new ArrayList<>();
		for (long id : ids) {
			try {
				accept(id, user);
			}
			catch (InvalidReviewException ex) {
				problems.add(ex.getMessage());
			}
		}
		return problems;
	}

	/** Stores edited copy; it stays a draft (a draft that broke the rules becomes one once they hold). */
	@Transactional
	public void edit(long id, Map<String, Object> values, String user) {
		StoredResult item = openCopy(id);
		store(item, values, ResultStatus.DRAFT, null, user, null);
	}

	/** Approves copy, with the edits given, if any: only approved copy leaves Sift. */
	@Transactional
	public void approve(long id, Map<String, Object> values, String user) {
		StoredResult item = openCopy(id);
		store(item, values, ResultStatus.APPROVED, null, user, Action.APPROVE);
	}

	/** Rejects copy; the reason is required and kept with the result. */
	@Transactional
	public void reject(long id, String reason, String user) {
		if (reason == null || reason.isBlank()) {
			throw new InvalidReviewException("Result " + id + ": a rejection needs a reason");
		}
		StoredResult item = openCopy(id);
		Instant now = now();
		this.results.updateDecision(id, item.labels(), ResultStatus.REJECTED, reason.strip());
		this.corrections.add(new Correction(id, Action.REJECT, null, null, null, user, now, reason.strip(), null));
		writeOut(item, user, now);
	}

	/**
	 * Checks and stores new values: a correction row per changed field, then {@code decision} (an accept only when
	 * no field changed), then the new labels and status.
	 */
	private void store(StoredResult item, Map<String, Object> values, ResultStatus status, String reason, String user,
			Action decision) {
		TaskPrompt prompt = this.jobs.prompt(item.job());
		List<String> problems = prompt.check(values);
		if (!problems.isEmpty()) {
			throw new InvalidReviewException("Result " + item.id() + " (" + item.recordId() + "): "
					+ String.join("; ", problems));
		}
		Map<String, Object> labels = new LinkedHashMap<>();
		Instant now = now();
		int changed = 0;
		for (String field : prompt.fieldNames()) {
			Object before = item.labels().get(field);
			Object after = values.get(field);
			labels.put(field, after);
			if (!sameValue(before, after)) {
				this.corrections.add(
						new Correction(item.id(), Action.CORRECT, field, before, after, user, now, null, null));
				changed++;
			}
		}
		if (decision != null && (decision != Action.ACCEPT || changed == 0)) {
			this.corrections.add(new Correction(item.id(), decision, null, null, null, user, now, null, null));
		}
		this.results.updateDecision(item.id(), labels, status, reason);
		writeOut(item, user, now);
	}

	/**
	 * Writes the stored decision to the job's results table and write-back columns, in the decision's transaction,
	 * and records what was written where.
	 */
	private void writeOut(StoredResult item, String user, Instant now) {
		StoredResult decided = this.results.find(item.id()).orElseThrow();
		this.outputs.decided(spec(item), this.jobs.promptVersion(item.job()), decided)
			.forEach(written -> this.corrections.add(Correction.write(item.id(), written, user, now)));
	}

	private StoredResult classified(long id) {
		StoredResult item = find(id);
		if (spec(item).task() instanceof GenerateSpec) {
			throw new InvalidReviewException("Result " + id + " is generated copy: approve or reject it instead");
		}
		if (!REVIEWABLE.contains(item.status())) {
			throw new InvalidReviewException("Result " + id + " is " + item.status().code() + " and cannot be reviewed");
		}
		return item;
	}

	private StoredResult openCopy(long id) {
		StoredResult item = find(id);
		if (!(spec(item).task() instanceof GenerateSpec)) {
			throw new InvalidReviewException("Result " + id + " is not generated copy");
		}
		if (!OPEN_COPY.contains(item.status())) {
			throw new InvalidReviewException("Result " + id + " is already " + item.status().code());
		}
		return item;
	}

	private StoredResult find(long id) {
		return this.results.lock(id).orElseThrow(() -> new InvalidReviewException("There is no result " + id));
	}

	private JobSpec spec(StoredResult item) {
		return this.jobs.specs()
			.find(item.job())
			.orElseThrow(() -> new InvalidReviewException(
					"Result " + item.id() + " belongs to job " + item.job() + ", which is no longer defined"));
	}

	private Instant now() {
		return this.clock.instant();
	}

	/** Numbers are equal by value: 3 read from the database is the 3.0 a form gave. */
	private static boolean sameValue(Object before, Object after) {
		if (before instanceof Number a && after instanceof Number b) {
			return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
		}
		return Objects.equals(before, after);
	}

}
