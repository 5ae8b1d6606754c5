package dev.sift.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sift.run.JobRunner;
import dev.sift.testing.SampleReplies;
import dev.sift.testing.ScriptedModelTest;

/**
 * The shipped {@code product-copy} job on its sample file and on its sample table, through the scripted model: copy
 * within the spec's bounds is stored as a draft (never {@code ok}) exactly as written, copy with a banned word goes
 * to review, the product without a name fails, and the source table is never changed.
 */
@ScriptedModelTest
class ProductCopyJobTest {

	private static final int PRODUCTS = 16;

	/** The one product whose prompt names a family: the script's copy for it says "cheap", a banned word. */
	private static final String FAMILY_BOX = "HB-FAMILY-4";

	/** The product without a name. */
	private static final String WITHOUT_NAME = "HK-TIMER";

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
	void storesTheCopyOfEveryProductOfTheSampleFileAsDraftsAndExportsThem() throws Exception {
		Path output = this.directory.resolve("copy.csv");

		JobExecution execution = this.runs.run("product-copy", null, output);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertExpectedCopy(JobRuns.byRecord(this.runs.results("product-copy", "jobs/samples/products.csv")));
		List<String> lines = Files.readAllLines(output);
		assertThat(lines).hasSize(PRODUCTS + 1);
		assertThat(lines.get(0))
			.isEqualTo("sku,name,category,features,materials,audience,description,tagline,bullets,status,reason");
		assertThat(lines.get(1)).isEqualTo(Files.readAllLines(Path.of("jobs/samples/products.csv")).get(1) + ",\""
				+ SampleReplies.DESCRIPTION + "\",\"" + SampleReplies.TAGLINE
				+ "\",Fresh every week; Recipes in plain words; Packed with care,draft,");
	}

	@Test
	void draftsFromTheSampleTableLeaveTheTableUnchanged() throws Exception {
		JobRuns.loadSampleTable("products");
		List<Map<String, Object>> before = this.jdbc.queryForList("SELECT * FROM products ORDER BY sku");

		JobExecution execution = this.runs.run("product-copy-postgres", null, null);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertExpectedCopy(JobRuns.byRecord(this.runs.results("product-copy-postgres", "postgres:products")));
		assertThat(this.jdbc.queryForList("SELECT * FROM products ORDER BY sku")).isEqualTo(before);
	}

	private static void assertExpectedCopy(Map<String, Map<String, Object>> results) {
		assertThat(results).hasSize(PRODUCTS);
		assertThat(results.values()).filteredOn(row -> row.get("status").equals("draft")).hasSize(PRODUCTS - 2);
		assertThat(results.values()).noneMatch(row -> row.get("status").equals("ok"));
		assertThat(JobRuns.labels(results.get("HB-CLASSIC-2"))).isEqualTo(Map.of("description", SampleReplies.DESCRIPTION,
				"tagline", SampleReplies.TAGLINE, "bullets",
				List.of("Fresh every week", "Recipes in plain words", "Packed with care")));
		assertThat(results.get(FAMILY_BOX)).containsEntry("status", "needs_review");
		assertThat(results.get(FAMILY_BOX).get("reason")).asString().contains("description: uses the banned word 'cheap'");
		assertThat(results.get(WITHOUT_NAME)).containsEntry("status", "failed");
	}


}
