package dev.sift.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sift.run.JobRunner;
import dev.sift.testing.SiftIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped {@code product-copy} job on its sample file and on its sample table, on the tiny random model: valid
 * copy is stored as a draft (never {@code ok}), within the spec's bounds and free of banned words, and the source
 * table is never changed.
 */
@SiftIntegrationTest
class ProductCopyJobTest {

	private static final int PRODUCTS = 16;

	@Autowired
	JobRunner runner;

	@Autowired
	SpecJobs jobs;

	@Autowired
	JdbcTemplate jdbc;

	@TempDir
	Path directory;

	private JobRuns runs;

	@BeforeEach
	void setUp() {
		this.runs = new JobRuns(this.runner, this.jobs, this.jdbc);
	}

	@Test
	void storesCopyForEveryProductOfTheSampleFileAsDraftsAndExportsThem() throws Exception {
		Path output = this.directory.resolve("copy.csv");

		JobExecution execution = this.runs.run("product-copy", null, output);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<Map<String, Object>> results = this.runs.results("product-copy", "jobs/samples/products.csv");
		assertThat(results).hasSize(PRODUCTS);
		assertDraftsOrReasons(results);
		assertThat(results).filteredOn(row -> "HK-TIMER".equals(row.get("record_id")))
			.singleElement()
			.satisfies(row -> assertThat(row.get("status")).isEqualTo("failed"));
		assertThat(Files.readAllLines(output).get(0)).contains("description,tagline,bullets");
	}

	@Test
	void draftsFromTheSampleTableLeaveTheTableUnchanged() throws Exception {
		JobRuns.loadSampleTable("products");
		List<Map<String, Object>> before = this.jdbc.queryForList("SELECT * FROM products ORDER BY sku");

		JobExecution execution = this.runs.run("product-copy-postgres", null, null);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertDraftsOrReasons(this.runs.results("product-copy-postgres", "postgres:products"));
		assertThat(this.jdbc.queryForList("SELECT * FROM products ORDER BY sku")).isEqualTo(before);
	}

	private void assertDraftsOrReasons(List<Map<String, Object>> results) {
		TaskPrompt prompt = this.jobs.prompt("product-copy");
		assertThat(results).hasSize(PRODUCTS).noneMatch(row -> "ok".equals(row.get("status")));
		for (Map<String, Object> row : results) {
			if ("draft".equals(row.get("status"))) {
				assertThat(prompt.validate((String) row.get("raw_output")).isValid()).isTrue();
				JsonNode copy = JsonMapper.shared().readTree((String) row.get("labels"));
				assertThat(copy.get("bullets").size()).isEqualTo(3);
				assertThat(ReplyValidator.wordCount(copy.get("description").asString())).isBetween(25, 60);
				assertThat(copy.get("tagline").asString().length()).isLessThanOrEqualTo(60);
			}
			else {
				assertThat(row.get("reason")).asString().isNotBlank();
			}
		}
	}

}
