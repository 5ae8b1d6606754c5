package dev.sift.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;

import dev.sift.testing.SiftIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Runs of the shipped classify-feedback job through the API, on the tiny model: a few records each, from files of
 * their own in an input directory. What needs no run, database or file system (status codes of refusals, body
 * binding, roles) is {@link RunsControllerTest}'s.
 */
@SiftIntegrationTest
class RunsApiTest {

	private static final String RUNS = "/api/jobs/classify-feedback/runs";

	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	@Autowired
	private WebApplicationContext context;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private PasswordEncoder passwordEncoder;

	private ApiClient api;

	private RequestPostProcessor admin;

	private final List<Path> inputs = new ArrayList<>();

	@BeforeEach
	void signIn() {
		this.api = new ApiClient(this.context, this.jdbc, this.passwordEncoder);
		this.admin = this.api.user("ADMIN");
	}

	@AfterEach
	void deleteInputs() throws IOException {
		for (Path input : this.inputs) {
			Files.deleteIfExists(input);
		}
	}

	@Test
	void startedRunIsAcceptedWatchedToTheEndAndItsCountsAddUp() throws Exception {
		MvcResult started = this.api.mvc.perform(post(RUNS).with(this.admin)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"input\": \"" + input(8) + "\", \"limit\": 5}"))
			.andExpect(status().isAccepted())
			.andExpect(header().string("Location", startsWith("/api/runs/")))
			.andExpect(jsonPath("$.job").value("classify-feedback"))
			.andExpect(jsonPath("$.parameters.limit").value("5"))
			.andReturn();
		long id = ((Number) JsonPath.read(started.getResponse().getContentAsString(), "$.id")).longValue();
		assertThat(started.getResponse().getHeader("Location")).isEqualTo("/api/runs/" + id);

		String run = this.api.awaitEnd(id, this.api.user("VIEWER"), TIMEOUT);

		assertThat(JsonPath.<String>read(run, "$.status")).isEqualTo("COMPLETED");
		Map<String, Object> counts = JsonPath.read(run, "$.counts");
		assertThat(number(counts, "read")).isEqualTo(5);
		assertThat(number(counts, "total")).isEqualTo(5);
		assertThat(number(counts, "ok") + number(counts, "draft") + number(counts, "needsReview")
				+ number(counts, "failed") + number(counts, "unchanged")).isEqualTo(number(counts, "read"));
		assertThat(JsonPath.<Boolean>read(run, "$.running")).isFalse();
		assertThat(JsonPath.<Double>read(run, "$.progress.recordsPerSecond")).as("over the whole run").isPositive();
		assertThat(JsonPath.<Object>read(run, "$.progress.etaSeconds")).as("nothing left").isNull();
		assertThat(JsonPath.<Object>read(run, "$.ended")).isNotNull();
		this.api.mvc.perform(get("/api/runs").param("job", "classify-feedback").param("size", "100").with(this.admin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[?(@.id == " + id + ")].status").value("COMPLETED"));
	}

	@Test
	void runningRunRefusesASecondStartStopsAndRestartsToTheEndWithoutDuplicates() throws Exception {
		String body = "{\"input\": \"" + input(40) + "\"}";
		String started = this.api.mvc.perform(post(RUNS).with(this.admin)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)).andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
		long id = ((Number) JsonPath.read(started, "$.id")).longValue();

		this.api.mvc.perform(post(RUNS).with(this.admin).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isConflict())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Job already running"))
			.andExpect(jsonPath("$.detail", containsString("already running in this process (run " + id + ")")));
		this.api.mvc.perform(post("/api/runs/" + id + "/stop").with(this.admin)).andExpect(status().isAccepted());
		String stopped = this.api.awaitEnd(id, this.admin, TIMEOUT);
		assertThat(JsonPath.<String>read(stopped, "$.status")).isEqualTo("STOPPED");
		this.api.mvc.perform(post("/api/runs/" + id + "/stop").with(this.admin)).andExpect(status().isConflict());

		String restarted = this.api.mvc.perform(post("/api/runs/" + id + "/restart").with(this.admin))
			.andExpect(status().isAccepted())
			.andReturn()
			.getResponse()
			.getContentAsString();
		long restartId = ((Number) JsonPath.read(restarted, "$.id")).longValue();
		String completed = this.api.awaitEnd(restartId, this.admin, TIMEOUT);

		assertThat(JsonPath.<String>read(completed, "$.status")).isEqualTo("COMPLETED");
		long instance = ((Number) JsonPath.read(completed, "$.instanceId")).longValue();
		assertThat(((Number) JsonPath.read(completed, "$.counts.read")).longValue()).isEqualTo(40);
		Map<String, Object> stored = this.jdbc.queryForMap(
				"SELECT count(*) AS results, count(DISTINCT record_id) AS records FROM classification_result "
						+ "WHERE job_instance_id = ?", instance);
		assertThat(stored.get("results")).isEqualTo(40L).isEqualTo(stored.get("records"));
		this.api.mvc.perform(post("/api/runs/" + restartId + "/restart").with(this.admin))
			.andExpect(status().isConflict());
	}

	@Test
	void unknownRunIs404() throws Exception {
		this.api.mvc.perform(get("/api/runs/987654321").with(this.admin))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.title").value("Run not found"));
	}

	@Test
	void inputsOutsideTheInputDirectoriesAreRefused() throws Exception {
		for (String input : new String[] { "../../etc/passwd", "jobs/samples/../../pom.xml", "/etc/passwd",
				"jobs/samples/*.csv" }) {
			this.api.mvc.perform(post(RUNS).with(this.admin)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"input\": \"" + input + "\"}"))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.detail", startsWith("input: ")));
		}
		this.api.mvc.perform(post(RUNS).with(this.admin)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"input\": \"/etc/passwd\"}"))
			.andExpect(jsonPath("$.detail", containsString("jobs/samples")))
			.andExpect(jsonPath("$.detail", containsString("data/inbox")));
	}

	@Test
	void linkInAnInputDirectoryLeadingOutsideIsRefused() throws Exception {
		Path inbox = Files.createDirectories(Path.of("data/inbox"));
		Path link = Files.createSymbolicLink(inbox.resolve("link-" + UUID.randomUUID() + ".csv"),
				Path.of("pom.xml").toAbsolutePath());
		try {
			this.api.mvc.perform(post(RUNS).with(this.admin)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"input\": \"" + link + "\"}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.detail", containsString("outside the input directories")));
		}
		finally {
			Files.delete(link);
		}
	}

	private Path input(int records) throws IOException {
		Path input = ApiClient.feedbackInInbox(records);
		this.inputs.add(input);
		return input;
	}

	private static long number(Map<String, Object> values, String name) {
		return ((Number) values.get(name)).longValue();
	}

}
