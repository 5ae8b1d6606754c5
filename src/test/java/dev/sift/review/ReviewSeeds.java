package dev.sift.review;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.sift.result.ClassificationResult;
import dev.sift.result.ResultStatus;
import dev.sift.result.ResultStore;
import dev.sift.testing.TestAccounts;

/**
 * Results and users for review tests. Each test gets a source of its own, since all tests share one database, and
 * lists only its results with the {@code source} filter.
 */
final class ReviewSeeds {

	static final Map<String, Object> VALID_FEEDBACK = Map.of("sentiment", "positive", "topics", List.of("delivery"),
			"urgency", "low", "summary", "The box came on time.", "language", "en");

	private final ResultStore results;

	private final JdbcTemplate jdbc;

	private final PasswordEncoder passwordEncoder;

	ReviewSeeds(ResultStore results, JdbcTemplate jdbc, PasswordEncoder passwordEncoder) {
		this.results = results;
		this.jdbc = jdbc;
		this.passwordEncoder = passwordEncoder;
	}

	static String newSource(String name) {
		return "review-tests/" + name + "-" + UUID.randomUUID() + ".csv";
	}

	/** A user of the role (ADMIN, REVIEWER or VIEWER) with a name of its own. */
	String user(String role) {
		return TestAccounts.create(this.jdbc, this.passwordEncoder, "", role);
	}

	long feedback(String source, String recordId, ResultStatus status, Map<String, Object> labels) {
		this.results.upsert(List.of(new ClassificationResult("classify-feedback", null, source, recordId, 1,
				"The box for " + recordId + " came on time.", Map.of("channel", "app", "product", "box"), labels,
				"{\"se\": \"furious\"}", status, status == ResultStatus.NEEDS_REVIEW ? "sentiment: not a label" : null,
				1, "tiny.gguf", "test", ClassificationResult.Usage.NONE)));
		return id(source, recordId);
	}

	long copy(String source, String recordId, Map<String, Object> labels) {
		this.results.upsert(List.of(new ClassificationResult("product-copy", null, source, recordId, 1, "Kettle",
				Map.of("category", "kitchen", "features", "whistle"), labels, "{}", ResultStatus.DRAFT, null, 1,
				"tiny.gguf", "test", ClassificationResult.Usage.NONE)));
		return id(source, recordId);
	}

	long id(String source, String recordId) {
		return this.jdbc.queryForObject("SELECT id FROM classification_result WHERE source = ? AND record_id = ?",
				Long.class, source, recordId);
	}

	String status(long id) {
		return this.jdbc.queryForObject("SELECT status FROM classification_result WHERE id = ?", String.class, id);
	}

	List<Map<String, Object>> corrections(long id) {
		return this.jdbc.queryForList("""
				SELECT action, field, old_value::text AS old_value, new_value::text AS new_value, corrected_by, reason
				FROM result_correction WHERE result_id = ? ORDER BY id""", id);
	}

	static Map<String, Object> validCopy() {
		return Map.of("description",
				"A sturdy steel kettle that whistles when the water boils, with a cool handle, a wide lid for easy "
						+ "filling and a base that works on every hob in the kitchen.",
				"tagline", "Boils, whistles, lasts", "bullets",
				List.of("Whistles when it boils", "Cool-touch handle", "Works on every hob"));
	}

}
