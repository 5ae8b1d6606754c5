package dev.sift.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian's {@code chromium} and {@code chromium-driver} packages. Both paths are set, so
 * Selenium Manager never looks for (or downloads) a browser or driver. Without them a browser test is skipped with a
 * message, except under {@code CI=true}, where that is a failure: CI installs them.
 */
public final class Chromium {

	public static final Path BROWSER = Path.of("/usr/bin/chromium");

	public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private Chromium() {
	}

	/** A new headless browser window {@code width} pixels wide. */
	public static ChromeDriver start(int width) {
		boolean present = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
		String missing = "Browser tests need " + BROWSER + " and " + DRIVER
				+ " (apt-get install chromium chromium-driver)";
		if ("true".equals(System.getenv("CI"))) {
			Assertions.assertTrue(present, missing + "; under CI=true they must be installed");
		}
		else {
			Assumptions.assumeTrue(present, missing + ": skipped");
		}
		System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER.toString());
		ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=" + width + ",900");
		ChromeDriver driver = new ChromeDriver(
				new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build(),
				options);
		driver.manage().window().setSize(new Dimension(width, 900));
		driver.manage().timeouts().implicitlyWait(Duration.ZERO);
		return driver;
	}

	/** Signs in on the login page at {@code baseUrl} and waits for the start page, the runs. */
	public static void signIn(ChromeDriver driver, String baseUrl, String name, String password) {
		driver.get(baseUrl + "/login");
		driver.findElement(By.id("username")).sendKeys(name);
		driver.findElement(By.id("password")).sendKeys(password);
		driver.findElement(By.cssSelector("main.login button[type=submit]")).click();
		new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(baseUrl + "/runs"));
	}

	/** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
	public static Path screenshot(ChromeDriver driver, String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Path file = SCREENSHOTS.resolve(name + ".png");
			Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
