package dev.sift.api;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;

import dev.sift.testing.SiftIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Results through the API. Each test stores results of its own, dated on a day of their own far in the past, and
 * filters by that day, so results other tests store never show; it deletes them when done.
 */
@SiftIntegrationTest
class ResultsApiTest {

	private static final String JOB = "classify-feedback";

	private static final AtomicInteger DAYS = new AtomicInteger();

	@Autowired
	private WebApplicationContext context;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private PasswordEncoder passwordEncoder;

	private ApiClient api;

	private RequestPostProcessor viewer;

	private String from;

	private String to;

	private String source;

	@BeforeEach
	void storeResults() {
		this.api = new ApiClient(this.context, this.jdbc, this.passwordEncoder);
		this.viewer = this.api.user("VIEWER");
		Instant day = Instant.parse("2001-01-01T00:00:00Z").plusSeconds(86_400L * DAYS.incrementAndGet());
		this.from = day.toString();
		this.to = day.plusSeconds(86_400).toString();
		this.source = "api-results-" + UUID.randomUUID();
		store(this.source, "1", "ok", "{\"sentiment\": \"negative\", \"topics\": [\"billing\", \"delivery\"]}", day);
		store(this.source, "2", "ok", "{\"sentiment\": \"negative\", \"topics\": [\"app\"]}", day);
		store(this.source, "3", "ok", "{\"sentiment\": \"positive\", \"topics\": [\"billing\"]}", day);
		store(this.source, "4", "needs_review", null, day);
		store(this.source, "5", "failed", null, day);
	}

	@AfterEach
	void deleteResults() {
		this.jdbc.update("DELETE FROM classification_result WHERE source = ?", this.source);
	}

	@Test
	void resultsArePagedNewestFirstWithTheirTotal() throws Exception {
		this.api.mvc.perform(get("/api/results").with(this.viewer)
			.param("job", JOB).param("from", this.from).param("to", this.to).param("size", "2"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.totalItems").value(5))
			.andExpect(jsonPath("$.items.length()").value(2))
			.andExpect(jsonPath("$.items[0].recordId").value("5"));
		this.api.mvc.perform(get("/api/results").with(this.viewer)
			.param("from", this.from).param("to", this.to).param("size", "2").param("page", "2"))
			.andExpect(jsonPath("$.items.length()").value(1))
			.andExpect(jsonPath("$.items[0].recordId").value("1"))
			.andExpect(jsonPath("$.items[0].labels.topics[1]").value("delivery"));
	}

	@Test
	void labelFilterMatchesSingleLabelsAndListMembers() throws Exception {
		this.api.mvc.perform(get("/api/results").with(this.viewer)
			.param("job", JOB).param("from", this.from).param("to", this.to).param("label", "sentiment:negative"))
			.andExpect(jsonPath("$.totalItems").value(2));
		this.api.mvc.perform(get("/api/results").with(this.viewer)
			.param("job", JOB).param("from", this.from).param("to", this.to).param("label", "topics:billing"))
			.andExpect(jsonPath("$.totalItems").value(2));
		this.api.mvc.perform(get("/api/results").with(this.viewer)
			.param("job", JOB).param("from", this.from).param("to", this.to).param("status", "needs_review"))
			.andExpect(jsonPath("$.totalItems").value(1));
	}

	@Test
	void sqlInFiltersIsTakenAsDataAndMatchesNothing() throws Exception {
		this.api.mvc.perform(get("/api/results").with(this.viewer)
			.param("job", JOB).param("label", "summary:x' OR '1'='1"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.totalItems").value(0));
		this.api.mvc.perform(get("/api/results").with(this.viewer).param("job", "' OR 1=1 --"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("job"));
		this.api.mvc.perform(get("/api/results").with(this.viewer)
			.param("job", JOB).param("label", "sentiment' OR 1=1 --:negative"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("label"))
			.andExpect(jsonPath("$.detail", containsString("its fields: sentiment, topics")));
	}

	@Test
	void exportStreamsEveryMatchingResultAsCsvWithAColumnPerField() throws Exception {
		String csv = this.api.mvc.perform(get("/api/results/export.csv").with(this.viewer)
			.param("job", JOB).param("from", this.from).param("to", this.to))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/csv"))
			.andReturn()
			.getResponse()
			.getContentAsString();

		String[] lines = csv.split("\r\n");
		assertThat(lines[0])
			.startsWith("id,job_name,job_instance_id,source,record_id,source_line,status,sentiment,topics,")
			.endsWith(",reason,attempts,model,prompt_version,updated_at");
		assertThat(lines).hasSize(6);
		assertThat(csv).contains(",negative,billing; delivery,");
	}

	@Test
	void exportWithoutJobHasTheLabelsAsJson() throws Exception {
		String csv = this.api.mvc.perform(get("/api/results/export.csv").with(this.viewer)
			.param("from", this.from).param("to", this.to).param("status", "ok"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(csv.split("\r\n")).hasSize(4);
		assertThat(csv).contains(",labels,").contains("\"\"sentiment\"\":\"\"positive\"\"");
	}

	private void store(String source, String recordId, String status, String labels, Instant at) {
		this.jdbc.update("""
				INSERT INTO classification_result (job_name, source, record_id, source_line, labels, status, reason,
				    prompt_version, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, 'test', ?, ?)
				""", JOB, source, recordId, Long.parseLong(recordId) + 1, labels, status,
				status.equals("ok") ? null : "test", Timestamp.from(at),
				Timestamp.from(at.plusSeconds(Long.parseLong(recordId))));
	}

}
