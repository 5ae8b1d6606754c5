package dev.sift.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.sift.job.RunOptions;
import dev.sift.job.SpecJobs;
import dev.sift.result.ResultStatus;
import dev.sift.result.ResultStore;
import dev.sift.run.JobRunner;
import dev.sift.testing.Chromium;
import dev.sift.testing.SiftIntegrationTest;
import dev.sift.testing.TestAccounts;

/**
 * The review pages in headless Chromium against the running application: signing in, correcting with the keyboard,
 * bulk accept, approving and rejecting copy, and a viewer's read-only pages. Screenshots go to
 * {@code target/screenshots/}.
 */
@SiftIntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ReviewBrowserTest {

	@LocalServerPort
	private int port;

	@Autowired
	private JobRunner runner;

	@Autowired
	private SpecJobs jobs;

	@Autowired
	private ResultStore repository;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private PasswordEncoder passwordEncoder;

	private ReviewSeeds seeds;

	private ChromeDriver browser;

	@BeforeEach
	void setUp() {
		this.seeds = new ReviewSeeds(this.repository, this.jdbc, this.passwordEncoder);
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void reviewerCorrectsALabelOfARealRunWithTheKeyboard() throws Exception {
		String source = runFeedbackJob();
		long id = this.jdbc.queryForObject("""
				SELECT id FROM classification_result WHERE source = ? AND status IN ('ok', 'needs_review')
				ORDER BY id LIMIT 1""", Long.class, source);
		this.browser = Chromium.start(1280);
		this.browser.get(url("/login"));
		Chromium.screenshot(this.browser, "login-1280");
		signIn(this.seeds.user("REVIEWER"));

		this.browser.get(url("/review?source=" + encode(source)));
		Chromium.screenshot(this.browser, "review-1280");
		assertNoHorizontalScrolling(1280);
		WebElement item = this.browser.findElement(By.id("result-" + id));
		Select sentiment = new Select(item.findElement(By.name("field.sentiment")));
		String before = sentiment.getAllSelectedOptions().isEmpty() ? ""
				: sentiment.getFirstSelectedOption().getAttribute("value");
		String after = before.equals("negative") ? "mixed" : "negative";
		sentiment.selectByValue(after);
		for (WebElement topic : item.findElements(By.name("field.topics"))) {
			if (topic.isSelected() != topic.getAttribute("value").equals("billing")) {
				topic.click();
			}
		}
		new Select(item.findElement(By.name("field.urgency"))).selectByValue("high");
		WebElement summary = item.findElement(By.name("field.summary"));
		summary.clear();
		summary.sendKeys("Charged twice for one box.");
		new Select(item.findElement(By.name("field.language"))).selectByValue("en");
		item.findElement(By.name("field.sentiment")).sendKeys(Keys.ENTER);

		waitForText("Saved result " + id + " as reviewed");
		assertThat(this.seeds.status(id)).isEqualTo("reviewed");
		assertThat(this.seeds.corrections(id)).anySatisfy(row -> assertThat(row).containsEntry("action", "correct")
			.containsEntry("field", "sentiment")
			.containsEntry("new_value", "\"" + after + "\""));
		assertThat(this.browser.findElements(By.id("result-" + id))).isEmpty();
	}

	@Test
	void reviewerAcceptsSelectedResultsInBulk() {
		String source = ReviewSeeds.newSource("browser-bulk");
		long first = this.seeds.feedback(source, "B-1", ResultStatus.OK, ReviewSeeds.VALID_FEEDBACK);
		long second = this.seeds.feedback(source, "B-2", ResultStatus.OK, ReviewSeeds.VALID_FEEDBACK);
		long left = this.seeds.feedback(source, "B-3", ResultStatus.OK, ReviewSeeds.VALID_FEEDBACK);
		this.browser = Chromium.start(1280);
		signIn(this.seeds.user("REVIEWER"));
		this.browser.get(url("/review?source=" + encode(source)));

		// x selects the focused result, as a keyboard user would; a click selects the other.
		this.browser.findElement(By.id("result-" + first)).click();
		new Actions(this.browser).sendKeys("x").perform();
		this.browser.findElement(By.cssSelector("#result-" + second + " [data-select]")).click();
		this.browser.findElement(By.id("accept-selected")).click();

		waitForText("Accepted 2 of 2 selected results");
		assertThat(this.seeds.status(first)).isEqualTo("reviewed");
		assertThat(this.seeds.status(second)).isEqualTo("reviewed");
		assertThat(this.seeds.status(left)).isEqualTo("ok");
		assertThat(this.seeds.corrections(first)).singleElement()
			.satisfies(row -> assertThat(row).containsEntry("action", "accept"));
	}

	@Test
	void reviewerApprovesOneDraftAndRejectsAnotherWithAReason() {
		String source = ReviewSeeds.newSource("browser-copy");
		Map<String, Object> banned = new HashMap<>(ReviewSeeds.validCopy());
		banned.put("tagline", "The best cheap kettle");
		long approved = this.seeds.copy(source, "K-1", banned);
		long rejected = this.seeds.copy(source, "K-2", ReviewSeeds.validCopy());
		this.browser = Chromium.start(1280);
		signIn(this.seeds.user("REVIEWER"));
		this.browser.get(url("/copy?source=" + encode(source)));
		Chromium.screenshot(this.browser, "copy-1280");
		assertNoHorizontalScrolling(1280);
		assertThat(this.browser.findElement(By.id("result-" + approved)).getText())
			.contains("tagline: uses the banned word 'cheap'");

		WebElement tagline = this.browser.findElement(By.cssSelector("#result-" + approved + " [name='field.tagline']"));
		tagline.clear();
		tagline.sendKeys("Boils, whistles, lasts");
		this.browser.findElement(By.cssSelector("#result-" + approved + " [data-approve]")).click();
		waitForText("Approved result " + approved);
		this.browser.findElement(By.id("reason-" + rejected)).sendKeys("Too plain for the spring catalogue");
		this.browser.findElement(By.cssSelector("#result-" + rejected + " [data-reject]")).click();
		waitForText("Rejected result " + rejected);

		assertThat(this.seeds.status(approved)).isEqualTo("approved");
		assertThat(this.seeds.corrections(approved)).extracting(row -> row.get("action") + " " + row.get("field"))
			.containsExactly("correct tagline", "approve null");
		assertThat(this.seeds.status(rejected)).isEqualTo("rejected");
		assertThat(this.seeds.corrections(rejected)).singleElement()
			.satisfies(row -> assertThat(row).containsEntry("reason", "Too plain for the spring catalogue"));
		this.browser.get(url("/insights"));
		this.browser.executeScript("document.getElementById('job-classify-feedback').scrollIntoView()");
		Chromium.screenshot(this.browser, "insights-1280");
		assertThat(this.browser.findElements(By.cssSelector("svg.chart"))).isNotEmpty();
	}

	@Test
	void viewerSeesResultsWithoutAnyActionAndTheQueueFitsANarrowScreen() {
		String source = ReviewSeeds.newSource("browser-viewer");
		this.seeds.feedback(source, "V-1", ResultStatus.OK, ReviewSeeds.VALID_FEEDBACK);
		this.seeds.feedback(source, "V-2", ResultStatus.NEEDS_REVIEW, Map.of());
		this.seeds.copy(source, "V-3", ReviewSeeds.validCopy());
		this.browser = Chromium.start(390);
		signIn(this.seeds.user("VIEWER"));

		this.browser.get(url("/review?source=" + encode(source)));
		Chromium.screenshot(this.browser, "review-390-viewer");
		assertNoHorizontalScrolling(390);
		assertThat(this.browser.findElements(By.cssSelector("[data-item]"))).hasSize(2);
		assertThat(this.browser.findElements(By.cssSelector("form[data-save], [data-accept], [data-select], #accept-selected")))
			.isEmpty();
		this.browser.get(url("/copy?source=" + encode(source)));
		assertThat(this.browser.findElements(By.cssSelector("[data-item]"))).hasSize(1);
		assertThat(this.browser.findElements(By.cssSelector("[data-approve], [data-reject], form[data-save]"))).isEmpty();
	}

	/** Runs the real classify-feedback job, on the tiny model, on the first records of its sample file. */
	private String runFeedbackJob() throws Exception {
		Path input = Path.of("target", "browser-tests", "feedback-" + UUID.randomUUID() + ".csv");
		Files.createDirectories(input.getParent());
		List<String> lines = Files.readAllLines(Path.of("jobs/samples/feedback.csv"));
		Files.write(input, lines.subList(0, 4));
		JobExecution execution = this.runner.run(this.jobs.job("classify-feedback"),
				SpecJobs.runParameters(input.toString(), null, new RunOptions(false, 3L)), SpecJobs.INPUT);
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		return this.jdbc.queryForObject("SELECT DISTINCT source FROM classification_result WHERE job_instance_id = ?",
				String.class, execution.getJobInstance().getInstanceId());
	}

	private void signIn(String name) {
		Chromium.signIn(this.browser, url(""), name, TestAccounts.PASSWORD);
	}

	private void waitForText(String text) {
		new WebDriverWait(this.browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".messages"), text));
	}

	private void assertNoHorizontalScrolling(int width) {
		Object scrollWidth = this.browser.executeScript("return document.documentElement.scrollWidth");
		assertThat(((Number) scrollWidth).intValue()).isLessThanOrEqualTo(width);
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
