package dev.sift.review;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import dev.sift.job.RunOptions;
import dev.sift.job.SpecJobs;
import dev.sift.result.ResultStore;
import dev.sift.result.StoredResult;
import dev.sift.run.JobRunner;
import dev.sift.testing.ScriptedModelTest;
import dev.sift.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Reviewers' decisions in the dashboard reach the source tables of the shipped {@code postgres} jobs at once, not at
 * the next run: a correction or an accept sets the write-back columns and the results table, an approval writes the
 * copy; a rejection or an edit writes nothing to the source. The history says what was written where.
 */
@ScriptedModelTest
class DecisionsWrittenBackTest {

	private static final RequestPostProcessor REVIEWER = user("rita").roles("REVIEWER");

	@Autowired
	private WebApplicationContext context;

	@Autowired
	private JobRunner jobRunner;

	@Autowired
	private SpecJobs jobs;

	@Autowired
	private ResultStore results;

	@Autowired
	private JdbcTemplate jdbc;

	private MockMvc mvc;

	@BeforeAll
	static void loadSampleTables() {
		new ResourceDatabasePopulator(new FileSystemResource("sql/samples/feedback.sql"),
				new FileSystemResource("sql/samples/products.sql"))
			.execute(TestDatabase.dataSource());
	}

	@BeforeEach
	void setUp() {
		this.mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
	}

	@Test
	void aCorrectionAndAnAcceptReachTheWriteBackColumnsAndTheResultsTableAtOnce() throws Exception {
		run("classify-feedback-postgres", "postgres:feedback");
		StoredResult corrected = result("classify-feedback-postgres", "postgres:feedback", "1001");

		this.mvc.perform(form(post("/review/{id}", corrected.id()), corrected.labels(),
				Map.of("sentiment", "neutral", "urgency", "medium")))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("message", "Saved result " + corrected.id() + " as reviewed"));

		assertThat(sourceRow("SELECT sentiment_label, urgency_label FROM feedback WHERE id = 1001"))
			.containsEntry("sentiment_label", "neutral")
			.containsEntry("urgency_label", "medium");
		assertThat(sourceRow("SELECT sentiment, urgency, status FROM feedback_results WHERE record_id = '1001'"))
			.containsEntry("sentiment", "neutral")
			.containsEntry("urgency", "medium")
			.containsEntry("status", "reviewed");
		assertThat(writes(corrected.id())).containsExactlyInAnyOrder(
				"public.feedback where id = 1001 <- {\"urgency_label\": \"medium\", \"sentiment_label\": \"neutral\"}",
				"public.feedback_results <- neutral reviewed");

		String valid = this.jdbc.queryForObject("""
				SELECT min(record_id) FROM classification_result
				WHERE job_name = 'classify-feedback-postgres' AND status = 'ok' AND record_id <> '1001'""",
				String.class);
		StoredResult accepted = result("classify-feedback-postgres", "postgres:feedback", valid);
		this.jdbc.update("UPDATE feedback SET sentiment_label = NULL, urgency_label = NULL WHERE id::text = ?", valid);

		this.mvc.perform(post("/review/{id}/accept", accepted.id()).with(REVIEWER).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("message", "Accepted result " + accepted.id()));

		assertThat(this.jdbc.queryForMap("SELECT sentiment_label, urgency_label FROM feedback WHERE id::text = ?", valid))
			.containsEntry("sentiment_label", accepted.labels().get("sentiment"))
			.containsEntry("urgency_label", accepted.labels().get("urgency"));
	}

	@Test
	void anApprovalWritesTheCopyToTheProductRowAndARejectionOrAnEditNever() throws Exception {
		run("product-copy-postgres", "postgres:products");
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM products WHERE description IS NOT NULL OR tagline IS NOT NULL", Long.class))
			.as("drafts are never written back").isZero();
		StoredResult approved = result("product-copy-postgres", "postgres:products", "HB-CLASSIC-2");
		StoredResult rejected = result("product-copy-postgres", "postgres:products", "HB-CLASSIC-4");
		StoredResult edited = result("product-copy-postgres", "postgres:products", "HB-VEGGIE-2");

		this.mvc.perform(form(post("/copy/{id}", approved.id()), approved.labels(),
				Map.of("tagline", "Dinner for two, sorted"))
			.param("decision", "approve")).andExpect(flash().attribute("message", "Approved result " + approved.id()));
		this.mvc.perform(post("/copy/{id}/reject", rejected.id()).param("reason", "too vague").with(REVIEWER)
			.with(csrf())).andExpect(flash().attribute("message", "Rejected result " + rejected.id()));
		this.mvc.perform(form(post("/copy/{id}", edited.id()), edited.labels(),
				Map.of("tagline", "Greens, every week")))
			.andExpect(flash().attribute("message", "Saved the edits of result " + edited.id()));

		assertThat(sourceRow("SELECT description, tagline, bullets FROM products WHERE sku = 'HB-CLASSIC-2'"))
			.containsEntry("description", approved.labels().get("description"))
			.containsEntry("tagline", "Dinner for two, sorted")
			.containsEntry("bullets", approved.labelText("bullets"));
		assertThat(this.jdbc.queryForList("SELECT sku FROM products WHERE description IS NOT NULL OR tagline IS NOT "
				+ "NULL OR bullets IS NOT NULL", String.class)).containsExactly("HB-CLASSIC-2");
		assertThat(writes(approved.id())).singleElement().asString()
			.startsWith("public.products where sku = HB-CLASSIC-2 <- {\"bullets\": ");
		assertThat(writes(rejected.id())).isEmpty();
		assertThat(writes(edited.id())).isEmpty();
	}

	private void run(String job, String input) throws Exception {
		assertThat(this.jobRunner
			.run(this.jobs.job(job), SpecJobs.runParameters(input, null, RunOptions.DEFAULTS), SpecJobs.INPUT)
			.getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

	private StoredResult result(String job, String source, String recordId) {
		return this.results.latestByRecord(job, source, this.jobs.promptVersion(job), List.of(recordId)).get(recordId);
	}

	/** A dashboard form with a result's values, some of them changed. */
	private MockHttpServletRequestBuilder form(MockHttpServletRequestBuilder request, Map<String, Object> values,
			Map<String, String> changed) {
		values.forEach((name, current) -> {
			if (current instanceof List<?> items) {
				if (name.equals("bullets")) {
					request.param("field." + name, String.join("\n", items.stream().map(String::valueOf).toList()));
				}
				else {
					items.forEach(item -> request.param("field." + name, String.valueOf(item)));
				}
			}
			else {
				request.param("field." + name, changed.getOrDefault(name, String.valueOf(current)));
			}
		});
		return request.with(REVIEWER).with(csrf());
	}

	private Map<String, Object> sourceRow(String sql) {
		return this.jdbc.queryForMap(sql);
	}

	/** The decision's writes in its history: where, and the values (of a results table: its field and status). */
	private List<String> writes(long resultId) {
		return this.jdbc.query("""
				SELECT written_to, new_value::text AS written, new_value ->> 'sentiment' AS sentiment,
				    new_value ->> 'status' AS status
				FROM result_correction WHERE result_id = ? AND action = 'write' ORDER BY id""",
				(row, number) -> row.getString("written_to") + " <- "
						+ (row.getString("written_to").endsWith("_results")
								? row.getString("sentiment") + " " + row.getString("status") : row.getString("written")),
				resultId);
	}

}
