package dev.sift.api;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import dev.sift.testing.TestAccounts;

import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * MockMvc on the whole application, built by hand so API tests share the integration tests' context (and model),
 * with users of their own, since all tests share one database.
 */
final class ApiClient {

	private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");

	final MockMvc mvc;

	private final JdbcTemplate jdbc;

	private final PasswordEncoder passwordEncoder;

	ApiClient(WebApplicationContext context, JdbcTemplate jdbc, PasswordEncoder passwordEncoder) {
		this.mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
		this.jdbc = jdbc;
		this.passwordEncoder = passwordEncoder;
	}

	/** A new user with this role, sending its HTTP Basic credentials the way a client does. */
	RequestPostProcessor user(String role) {
		String name = TestAccounts.create(this.jdbc, this.passwordEncoder, "api-", role);
		return request -> {
			request.addHeader(HttpHeaders.AUTHORIZATION, TestAccounts.basic(name));
			return request;
		};
	}

	/**
	 * The first records of the shipped feedback sample as a file of its own in {@code data/inbox}, one of the input
	 * directories: runs of different files never resume one another, and their results never look unchanged.
	 */
	static Path feedbackInInbox(int records) throws IOException {
		Path file = Files.createDirectories(Path.of("data/inbox")).resolve("api-test-" + UUID.randomUUID() + ".csv");
		CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
		try (Reader reader = Files.newBufferedReader(Path.of("jobs/samples/feedback.csv"), StandardCharsets.UTF_8);
				CSVParser sample = CSVParser.parse(reader, format);
				Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
				CSVPrinter copy = new CSVPrinter(writer, CSVFormat.RFC4180.builder()
					.setHeader(sample.getHeaderNames().toArray(String[]::new))
					.get())) {
			for (CSVRecord record : sample.stream().limit(records).toList()) {
				copy.printRecord(record.values());
			}
		}
		return file;
	}

	/** Watches a run through the API until it has ended; the run as JSON. */
	String awaitEnd(long runId, RequestPostProcessor user, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			String run = this.mvc.perform(get("/api/runs/" + runId).with(user))
				.andReturn()
				.getResponse()
				.getContentAsString();
			if (ENDED.contains(JsonPath.<String>read(run, "$.status"))) {
				return run;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Run " + runId + " did not end within " + timeout + ": " + run);
			}
			Thread.sleep(200);
		}
	}

}
