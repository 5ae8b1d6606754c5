package dev.sift.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.sift.job.SpecJobs;
import dev.sift.job.TaskPrompt;
import dev.sift.result.ResultFilter;
import dev.sift.result.ResultStatus;
import dev.sift.result.ResultStore;
import dev.sift.result.StoredResult;
import dev.sift.testing.SiftIntegrationTest;

@SiftIntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ReviewsTest {

	@Autowired
	private Reviews reviews;

	@Autowired
	private ReviewExports exports;

	@Autowired
	private SpecJobs jobs;

	@Autowired
	private ResultStore repository;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private PasswordEncoder passwordEncoder;

	private ReviewSeeds seeds;

	@BeforeEach
	void setUp() {
		this.seeds = new ReviewSeeds(this.repository, this.jdbc, this.passwordEncoder);
	}

	@Test
	void correctionStoresTheNewLabelsAsReviewedAndARowPerChangedField() {
		String source = ReviewSeeds.newSource("correct");
		long id = this.seeds.feedback(source, "C-1", ResultStatus.OK, ReviewSeeds.VALID_FEEDBACK);
		Map<String, Object> corrected = new HashMap<>(ReviewSeeds.VALID_FEEDBACK);
		corrected.put("sentiment", "negative");
		corrected.put("topics", List.of("billing", "delivery"));

		this.reviews.correct(id, corrected, "rita");

		assertThat(this.seeds.status(id)).isEqualTo("reviewed");
		assertThat(this.repository.find(id).orElseThrow().labels()).containsEntry("sentiment", "negative")
			.containsEntry("topics", List.of("billing", "delivery"));
		assertThat(this.seeds.corrections(id)).extracting(row -> row.get("field") + " " + row.get("old_value") + " -> "
				+ row.get("new_value") + " by " + row.get("corrected_by"))
			.containsExactly("sentiment \"positive\" -> \"negative\" by rita",
					"topics [\"delivery\"] -> [\"billing\", \"delivery\"] by rita");
	}

	@Test
	void acceptingUnchangedLabelsStoresOneAcceptWithoutAField() {
		String source = ReviewSeeds.newSource("accept");
		long id = this.seeds.feedback(source, "A-1", ResultStatus.OK, ReviewSeeds.VALID_FEEDBACK);

		this.reviews.correct(id, ReviewSeeds.VALID_FEEDBACK, "rita");

		assertThat(this.seeds.status(id)).isEqualTo("reviewed");
		assertThat(this.seeds.corrections(id)).singleElement()
			.satisfies(row -> assertThat(row).containsEntry("action", "accept").containsEntry("field", null));
	}

	@Test
	void valuesThatBreakTheJobsRulesAreRejectedWithTheRule() {
		String source = ReviewSeeds.newSource("invalid");
		long id = this.seeds.feedback(source, "I-1", ResultStatus.OK, ReviewSeeds.VALID_FEEDBACK);
		Map<String, Object> wrong = new HashMap<>(ReviewSeeds.VALID_FEEDBACK);
		wrong.put("sentiment", "furious");
		wrong.put("topics", List.of("billing", "delivery", "app", "other"));

		assertThatThrownBy(() -> this.reviews.correct(id, wrong, "rita")).isInstanceOf(InvalidReviewException.class)
			.hasMessageContaining("sentiment: 'furious' is not one of")
			.hasMessageContaining("topics: expected 1 to 3 items, found 4");
		assertThat(this.seeds.status(id)).isEqualTo("ok");
		assertThat(this.seeds.corrections(id)).isEmpty();
	}

	@Test
	void bulkAcceptAcceptsValidResultsAndReportsThoseWithoutLabels() {
		String source = ReviewSeeds.newSource("bulk");
		long valid = this.seeds.feedback(source, "B-1", ResultStatus.OK, ReviewSeeds.VALID_FEEDBACK);
		long broken = this.seeds.feedback(source, "B-2", ResultStatus.NEEDS_REVIEW, Map.of());

		List<String> problems = this.reviews.acceptAll(List.of(valid, broken), "rita");

		assertThat(this.seeds.status(valid)).isEqualTo("reviewed");
		assertThat(this.seeds.status(broken)).isEqualTo("needs_review");
		assertThat(problems).singleElement().asString().contains("B-2").contains("sentiment: missing");
	}

	@Test
	void copyIsApprovedWithItsEditsOrRejectedOnlyWithAReason() {
		String source = ReviewSeeds.newSource("copy");
		long approved = this.seeds.copy(source, "K-1", ReviewSeeds.validCopy());
		long rejected = this.seeds.copy(source, "K-2", ReviewSeeds.validCopy());
		Map<String, Object> edited = new HashMap<>(ReviewSeeds.validCopy());
		edited.put("tagline", "Boils and whistles");

		this.reviews.approve(approved, edited, "rita");
		assertThatThrownBy(() -> this.reviews.reject(rejected, " ", "rita")).hasMessageContaining("needs a reason");
		this.reviews.reject(rejected, "Too plain", "rita");

		assertThat(this.seeds.status(approved)).isEqualTo("approved");
		assertThat(this.seeds.corrections(approved)).extracting(row -> row.get("action") + " " + row.get("field"))
			.containsExactly("correct tagline", "approve null");
		assertThat(this.seeds.status(rejected)).isEqualTo("rejected");
		assertThat(this.seeds.corrections(rejected)).singleElement()
			.satisfies(row -> assertThat(row).containsEntry("action", "reject").containsEntry("reason", "Too plain"));
	}

	@Test
	void copyWithABannedWordOrTooFewWordsIsNotApproved() {
		String source = ReviewSeeds.newSource("banned");
		long id = this.seeds.copy(source, "K-1", ReviewSeeds.validCopy());
		Map<String, Object> edited = new HashMap<>(ReviewSeeds.validCopy());
		edited.put("description", "A cheap kettle.");

		assertThatThrownBy(() -> this.reviews.approve(id, edited, "rita"))
			.hasMessageContaining("description: 3 words, expected 25 to 60")
			.hasMessageContaining("banned word 'cheap'");
		assertThat(this.seeds.status(id)).isEqualTo("draft");
	}

	@Test
	void classifiedResultsCannotBeApprovedAndCopyCannotBeAccepted() {
		String source = ReviewSeeds.newSource("kinds");
		long feedback = this.seeds.feedback(source, "F-1", ResultStatus.OK, ReviewSeeds.VALID_FEEDBACK);
		long copy = this.seeds.copy(source, "K-1", ReviewSeeds.validCopy());

		assertThatThrownBy(() -> this.reviews.approve(feedback, ReviewSeeds.VALID_FEEDBACK, "rita"))
			.isInstanceOf(InvalidReviewException.class);
		assertThatThrownBy(() -> this.reviews.accept(copy, "rita")).isInstanceOf(InvalidReviewException.class);
	}

	@Test
	void reviewedLabelsExportAsALabelledFileForEvaluate() {
		String source = ReviewSeeds.newSource("export");
		long id = this.seeds.feedback(source, "E-1", ResultStatus.OK, ReviewSeeds.VALID_FEEDBACK);
		Map<String, Object> corrected = new HashMap<>(ReviewSeeds.VALID_FEEDBACK);
		corrected.put("topics", List.of("billing", "delivery"));
		this.reviews.correct(id, corrected, "rita");
		StringWriter csv = new StringWriter();

		this.exports.labelled(this.jobs.specs().get("classify-feedback"), csv);

		List<String> lines = csv.toString().lines().toList();
		assertThat(lines.get(0)).isEqualTo("id,text,channel,product,sentiment,topics,urgency,language");
		assertThat(lines).contains("E-1,The box for E-1 came on time.,app,box,positive,billing; delivery,low,en");
	}

	@Test
	void queuePagesListNeedsReviewFirstThenTheNewestAndFilterByLabel() {
		String source = ReviewSeeds.newSource("queue");
		long older = this.seeds.feedback(source, "Q-1", ResultStatus.OK, ReviewSeeds.VALID_FEEDBACK);
		Map<String, Object> negative = new HashMap<>(ReviewSeeds.VALID_FEEDBACK);
		negative.put("sentiment", "negative");
		long newer = this.seeds.feedback(source, "Q-2", ResultStatus.OK, negative);
		long broken = this.seeds.feedback(source, "Q-3", ResultStatus.NEEDS_REVIEW, Map.of());
		List<ResultStatus> statuses = List.of(ResultStatus.NEEDS_REVIEW, ResultStatus.OK);

		ResultFilter queue = ResultFilter.ofJob("classify-feedback").withSource(source).withStatuses(statuses);
		ItemsPage all = Pages.queue(this.repository, queue, 1, 2);
		ItemsPage second = Pages.queue(this.repository, queue, 2, 2);
		ItemsPage pastTheEnd = Pages.queue(this.repository, queue, 9, 2);
		ItemsPage topics = Pages.queue(this.repository, queue.withLabel(label("topics:delivery")), 1, 10);
		ItemsPage negatives = Pages.queue(this.repository, queue.withLabel(label("sentiment:negative")), 1, 10);

		assertThat(all.total()).isEqualTo(3);
		assertThat(all.items()).extracting(StoredResult::id).containsExactly(broken, newer);
		assertThat(second.items()).extracting(StoredResult::id).containsExactly(older);
		assertThat(pastTheEnd.page()).as("a page past the end shows the last").isEqualTo(2);
		assertThat(pastTheEnd.items()).extracting(StoredResult::id).containsExactly(older);
		assertThat(topics.items()).extracting(StoredResult::id).containsExactlyInAnyOrder(older, newer);
		assertThat(negatives.items()).extracting(StoredResult::id).containsExactly(newer);
	}

	@Test
	void queuePagesOfTenThousandResultsKeepNeedsReviewFirstThenTheNewest() {
		String source = ReviewSeeds.newSource("ten-thousand");
		this.jdbc.update("""
				INSERT INTO classification_result (job_name, source, record_id, input_text, labels, status, reason,
				    prompt_version, created_at, updated_at)
				SELECT 'classify-feedback', ?, 'T-' || n, 'text ' || n,
				    CASE WHEN n % 10 = 0 THEN NULL ELSE '{"sentiment": "positive", "topics": ["delivery"]}'::jsonb END,
				    CASE WHEN n % 10 = 0 THEN 'needs_review' ELSE 'ok' END,
				    CASE WHEN n % 10 = 0 THEN 'rules' END, 'test', now() - n * interval '1 minute',
				    now() - n * interval '1 minute'
				FROM generate_series(1, 10000) AS n""", source);
		ResultFilter queue = ResultFilter.ofJob("classify-feedback")
			.withSource(source)
			.withStatuses(List.of(ResultStatus.NEEDS_REVIEW, ResultStatus.OK));

		ItemsPage first = Pages.queue(this.repository, queue, 1, 20);
		ItemsPage last = Pages.queue(this.repository, queue, 500, 20);
		ItemsPage filtered = Pages.queue(this.repository, queue.withLabel(label("topics:delivery")), 300, 20);

		assertThat(first.total()).isEqualTo(10_000);
		assertThat(first.items()).allSatisfy(item -> assertThat(item.status()).isEqualTo(ResultStatus.NEEDS_REVIEW));
		assertThat(first.items().get(0).recordId()).isEqualTo("T-10");
		assertThat(last.items()).hasSize(20).last().extracting(StoredResult::recordId).isEqualTo("T-9999");
		assertThat(filtered.total()).isEqualTo(9_000);
	}

	private ResultFilter.LabelFilter label(String filter) {
		return TaskPrompt.labelFilter(this.jobs.specs().get("classify-feedback").task(), filter);
	}

}
