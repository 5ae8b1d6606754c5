package dev.sift.job;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import dev.sift.run.JobRunner;
import dev.sift.testing.Chromium;
import dev.sift.testing.FeedbackFiles;
import dev.sift.testing.SiftIntegrationTest;
import dev.sift.testing.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs split into partitions, processed by the worker of the same application ({@code sift.worker.enabled} on a
 * service), two partitions at a time, on the tiny model: the whole path of remote partitioning (the channel in
 * PostgreSQL, the claims, the ranges, the manager's export) in one JVM, and a run's page in headless Chromium.
 */
@SiftIntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT)
// Closed after the class: its worker would otherwise take partitions of other tests' runs on the same database.
@DirtiesContext
@TestPropertySource(properties = { "sift.worker.enabled=true", "sift.worker.partitions=2",
		"sift.worker.poll-interval=100ms", "sift.worker.heartbeat-interval=1s", "sift.worker.lost-after=5s" })
class PartitionedRunTest {

	private static final String JOB = "classify-feedback";

	private static final String HEADER = "id,received_at,channel,product,text\n";

	@Autowired
	JobRunner runner;

	@Autowired
	SpecJobs jobs;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JobOperator jobOperator;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	@Qualifier("siftPartitionRequests")
	QueueChannel partitionRequests;

	@Autowired
	PasswordEncoder passwordEncoder;

	@LocalServerPort
	int port;

	@TempDir
	Path dir;

	private JobRuns runs;

	private ChromeDriver browser;

	@BeforeEach
	void setUp() {
		this.runs = new JobRuns(this.runner, this.jobs, this.jdbc);
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void aRunSplitIntoThreePartitionsStoresEachRecordOnceAndExportsThemAllInFileOrder() throws Exception {
		int records = 20;
		Path input = FeedbackFiles.write(this.dir.resolve("split.csv"), records);
		Path output = this.dir.resolve("results.csv");

		JobExecution run = this.runs.run(JOB, input.toString(), output, new RunOptions(false, null, 3));

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(JobRuns.read(run)).as("records the partitions read in all").isEqualTo(records);
		List<Map<String, Object>> results = this.runs.results(JOB, input.toString());
		assertThat(results).extracting(row -> row.get("record_id")).containsExactlyElementsOf(FeedbackFiles.ids(records));
		assertThat(this.jdbc.queryForList("""
				SELECT r.partition_index, r.records, s.status, s.read_count FROM run_partition r
				JOIN batch_step_execution s ON s.step_execution_id = r.step_execution_id
				WHERE r.job_execution_id = ? ORDER BY r.partition_index
				""", run.getId())).extracting(row -> List.of(row.get("partition_index"), row.get("records"),
						row.get("status"), row.get("read_count")))
			.containsExactly(List.of(0, 6L, "COMPLETED", 6L), List.of(1, 7L, "COMPLETED", 7L),
					List.of(2, 7L, "COMPLETED", 7L));
		List<String> exported = Files.readAllLines(output, StandardCharsets.UTF_8);
		assertThat(exported).hasSize(records + 1);
		assertThat(exported.subList(1, exported.size())).extracting(line -> line.substring(0, line.indexOf(',')))
			.containsExactlyElementsOf(FeedbackFiles.ids(records));
	}

	@Test
	void aPartitionedRunStoppedMidwayEndsStoppedAndItsRestartStoresEveryRecordOnce() throws Exception {
		int records = 400;
		Path input = FeedbackFiles.write(this.dir.resolve("stopped.csv"), records);
		CompletableFuture<JobExecution> stopped = CompletableFuture
			.supplyAsync(() -> run(input, new RunOptions(false, null, 4)));
		await().atMost(Duration.ofMinutes(2)).until(() -> readSoFar(input) >= 8);
		JobExecution running = this.jobRepository.getJobExecution(this.jdbc.queryForObject(
				"SELECT max(job_execution_id) FROM batch_job_execution WHERE status = 'STARTED'", Long.class));
		this.jobOperator.stop(running);

		JobExecution first = stopped.get(2, TimeUnit.MINUTES);
		assertThat(first.getStatus()).isEqualTo(BatchStatus.STOPPED);
		assertThat(this.jdbc.queryForList("""
				SELECT s.status FROM run_partition r JOIN batch_step_execution s
				ON s.step_execution_id = r.step_execution_id WHERE r.job_execution_id = ?
				""", String.class, first.getId())).contains("STOPPED").isSubsetOf("STOPPED", "COMPLETED");
		JobExecution resumed = run(input, new RunOptions(false, null, 4));

		assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(resumed.getJobInstance().getInstanceId()).isEqualTo(first.getJobInstance().getInstanceId());
		assertThat(this.runs.results(JOB, input.toString())).extracting(row -> row.get("record_id"))
			.containsExactlyElementsOf(FeedbackFiles.ids(records));
		assertThat(this.jdbc.queryForObject("SELECT sum(read_count) FROM run_progress WHERE job_instance_id = ?",
				Long.class, first.getJobInstance().getInstanceId())).as("records the two executions read")
			.isEqualTo(records);
	}

	@Test
	void aRunsPageKeepsThePartitionsItShowsCurrentWithoutReloading() throws Exception {
		this.browser = Chromium.start(1280);
		String base = "http://localhost:" + this.port;
		Chromium.signIn(this.browser, base, TestAccounts.create(this.jdbc, this.passwordEncoder, "", "VIEWER"),
				TestAccounts.PASSWORD);
		Path input = FeedbackFiles.write(this.dir.resolve("watched.csv"), 400);
		CompletableFuture<JobExecution> watched = CompletableFuture
			.supplyAsync(() -> run(input, new RunOptions(false, null, 4)));
		long run = await().atMost(Duration.ofMinutes(1)).until(() -> this.jdbc.queryForList("""
				SELECT DISTINCT r.job_execution_id FROM run_partition r
				JOIN batch_job_execution_params p ON p.job_execution_id = r.job_execution_id
				WHERE p.parameter_name = 'input' AND p.parameter_value IN (?, ?)
				""", Long.class, input.toString(), input.toRealPath().toString()), ids -> ids.size() == 1).get(0);

		this.browser.get(base + "/runs/" + run);
		this.browser.executeScript("window.notReloaded = true");
		// The last partition no worker has finished when the page is drawn: two are taken at a time, of four.
		WebElement unfinished = this.browser.findElements(By.cssSelector("table.partitions tbody tr"))
			.stream()
			.filter(row -> !row.findElement(By.cssSelector("[data-field=status]")).getText().equals("COMPLETED"))
			.reduce((first, second) -> second)
			.orElseThrow();
		String drawn = unfinished.findElement(By.cssSelector("[data-field=read-of-records]")).getText();

		new WebDriverWait(this.browser, Duration.ofMinutes(2)).until(browser -> Boolean.TRUE
			.equals(this.browser.executeScript("return window.notReloaded === true"))
				&& !unfinished.findElement(By.cssSelector("[data-field=read-of-records]")).getText().equals(drawn));
		Chromium.screenshot(this.browser, "run-partitions-1280");
		assertThat(unfinished.findElement(By.cssSelector("[data-field=worker]")).getText()).isNotEqualTo("none yet");
		assertThat(unfinished.findElement(By.cssSelector("[data-field=attempts]")).getText()).startsWith("taken by ");
		this.jobOperator.stop(this.jobRepository.getJobExecution(run));
		assertThat(watched.get(2, TimeUnit.MINUTES).getStatus()).isEqualTo(BatchStatus.STOPPED);
	}

	@Test
	void messagesOfThePartitionChannelThatAreNotPartitionRequestsAreDroppedWithoutHoldingUpTheRequestsBehindThem()
			throws Exception {
		this.partitionRequests.send(MessageBuilder.withPayload(new Foreign("a class this worker does not read")).build());
		this.partitionRequests.send(MessageBuilder.withPayload("not a partition request").build());
		int records = 6;
		Path input = FeedbackFiles.write(this.dir.resolve("behind.csv"), records);

		JobExecution run = CompletableFuture.supplyAsync(() -> run(input, new RunOptions(false, null, 2)))
			.get(2, TimeUnit.MINUTES);

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.runs.results(JOB, input.toString())).extracting(row -> row.get("record_id"))
			.containsExactlyElementsOf(FeedbackFiles.ids(records));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM int_channel_message", Long.class))
			.as("messages left in the partition channel")
			.isZero();
	}

	/** A message payload of a class the channel's deserializer does not allow, as another version's would be. */
	private record Foreign(String note) implements Serializable {
	}

	private JobExecution run(Path input, RunOptions options) {
		try {
			return this.runs.run(JOB, input.toString(), null, options);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private long readSoFar(Path input) throws IOException {
		return this.jdbc.queryForObject("SELECT count(*) FROM classification_result WHERE job_name = ? AND source = ?",
				Long.class, JOB, input.toRealPath().toString());
	}

	@Test
	void aPartitionThatCannotReadItsRangeToTheEndFailsTheRunSayingWhichPartitionAndWhy() throws Exception {
		Path input = Files.writeString(this.dir.resolve("broken.csv"), HEADER
				+ "T-1,2026-10-01,email,Classic Box,Charged twice for one box\n"
				+ "T-2,2026-10-01,chat,Veggie Box,Lovely vegetables\n"
				+ "T-3,2026-10-02,app,Family Box,\"Late, again\"\n"
				+ "T-4,2026-10-02,email,Classic Box,\"The box said \"\"fresh\"\" but\n"
				+ "T-5,2026-10-03,chat,Veggie Box,never read\n", StandardCharsets.UTF_8);

		JobExecution run = this.runs.run(JOB, input.toString(), null, new RunOptions(false, null, 2));

		assertThat(run.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(this.runs.results(JOB, input.toString())).extracting(row -> row.get("record_id"))
			.containsExactly("T-1", "T-2", "T-3", "line-5");
		String reason = run.getStepExecutions()
			.stream()
			.filter(step -> step.getStepName().equals(SpecJobs.PROCESS_STEP))
			.findFirst()
			.orElseThrow()
			.getExitStatus()
			.getExitDescription();
		// After Spring Batch's own stack trace of the failed manager step: the partition's reason, on one line.
		String partitionReason = reason.substring(reason.lastIndexOf("; partition ") + 2);
		assertThat(partitionReason).startsWith("partition 2 of 2 (lines 4-5 of " + input.toRealPath()
				+ " (records 3-4)) FAILED: " + input.toRealPath() + " cannot be read past line 5: unterminated quote");
		assertThat(partitionReason).doesNotContain("\n");
	}

}
