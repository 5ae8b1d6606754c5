package dev.sift.run;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.sift.job.RunOptions;
import dev.sift.testing.Chromium;
import dev.sift.testing.SiftIntegrationTest;
import dev.sift.testing.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The runs pages in headless Chromium: an admin starts a run from the browser and watches it finish; a viewer sees
 * the runs but no button to start, stop or restart one. Screenshots go to {@code target/screenshots/}.
 */
@SiftIntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RunsBrowserTest {

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private PasswordEncoder passwordEncoder;

	@Autowired
	private RunService runs;

	private ChromeDriver browser;

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void adminStartsARunAndWatchesItFinish() {
		this.browser = Chromium.start(1280);
		Chromium.signIn(this.browser, url(""), user("ADMIN"), TestAccounts.PASSWORD);

		new Select(this.browser.findElement(By.id("start-job"))).selectByValue("survey-themes");
		this.browser.findElement(By.id("start-limit")).sendKeys("6");
		this.browser.findElement(By.id("reprocess-run")).click();
		this.browser.findElement(By.id("start-run")).click();

		new WebDriverWait(this.browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches("/runs/\\d+$"));
		Chromium.screenshot(this.browser, "run-started-1280");
		new WebDriverWait(this.browser, Duration.ofMinutes(2)).until(
				ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".run-head .run-status"), "COMPLETED"));
		Chromium.screenshot(this.browser, "run-1280");
		assertThat(this.browser.findElement(By.cssSelector("[data-field=read-of-total]")).getText())
			.isEqualTo("6 / 6");
		assertThat(this.browser.findElements(By.cssSelector("table.steps tbody tr"))).hasSize(2);
		assertThat(this.browser.findElements(By.id("stop-run"))).isEmpty();

		this.browser.get(url("/runs"));
		Chromium.screenshot(this.browser, "runs-1280");
		assertThat(this.browser.executeScript("return document.documentElement.scrollWidth <= window.innerWidth"))
			.as("no horizontal scrolling at 1280 px")
			.isEqualTo(true);
		assertThat(this.browser.executeScript(
				"return document.querySelector('.table-wrap').scrollWidth <= document.querySelector('.table-wrap').clientWidth"))
			.as("the runs table fits")
			.isEqualTo(true);
		assertThat(this.browser.findElement(By.cssSelector("table.runs tbody")).getText()).contains("survey-themes")
			.contains("COMPLETED");
	}

	@Test
	void viewerSeesTheRunsButNoButtonToStartStopOrRestart() {
		long run = this.runs.start("survey-themes", null, new RunOptions(true, 2L)).getId();
		// Finished before the other test starts the same job from the browser.
		await().atMost(Duration.ofMinutes(1)).until(() -> !this.runs.isActive(run));
		this.browser = Chromium.start(390);
		Chromium.signIn(this.browser, url(""), user("VIEWER"), TestAccounts.PASSWORD);

		assertThat(this.browser.findElement(By.cssSelector("table.runs")).getText()).contains("survey-themes");
		assertThat(this.browser.findElements(By.id("start-run"))).isEmpty();
		Chromium.screenshot(this.browser, "runs-390-viewer");
		this.browser.get(url("/runs/" + run));
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Run " + run + " of survey-themes");
		assertThat(this.browser.findElements(By.id("stop-run"))).isEmpty();
		assertThat(this.browser.findElements(By.id("restart-run"))).isEmpty();
	}

	private String user(String role) {
		return TestAccounts.create(this.jdbc, this.passwordEncoder, "", role);
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
