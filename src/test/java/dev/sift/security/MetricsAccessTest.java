package dev.sift.security;

import static dev.sift.security.TestUsers.basic;
import static dev.sift.security.TestUsers.bearer;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code /actuator/prometheus}: for ADMIN and for the scrape-only METRICS role, which may read nothing else but the
 * health anyone may read.
 */
@WebSecurityTest
class MetricsAccessTest {

	private static final String PROMETHEUS = "/actuator/prometheus";

	@Autowired
	private MockMvc mvc;

	private final TestUsers users;

	@Autowired
	MetricsAccessTest(Accounts accounts, PasswordEncoder passwordEncoder) {
		this.users = new TestUsers(accounts, passwordEncoder);
	}

	@Test
	void prometheusNeedsAuthentication() throws Exception {
		this.mvc.perform(get(PROMETHEUS))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@ParameterizedTest
	@EnumSource(names = { "VIEWER", "REVIEWER" })
	void viewersAndReviewersMayNotScrape(Role role) throws Exception {
		String user = this.users.create(role);

		this.mvc.perform(get(PROMETHEUS).with(basic(user)))
			.andExpect(status().isForbidden())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@ParameterizedTest
	@EnumSource(names = { "ADMIN", "METRICS" })
	void adminsAndTheMetricsRoleScrapeThePrometheusTextFormat(Role role) throws Exception {
		String user = this.users.create(role);

		this.mvc.perform(get(PROMETHEUS).with(basic(user)))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_PLAIN))
			.andExpect(content().string(containsString("# TYPE jvm_memory_used_bytes gauge")));
	}

	@Test
	void anAdminCreatesAMetricsUserAndAMetricsTokenThatScrapes() throws Exception {
		String admin = this.users.create(Role.ADMIN);
		this.mvc.perform(post("/api/users").with(basic(admin))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"prometheus-" + admin + "\", \"password\": \"" + TestUsers.PASSWORD
					+ "\", \"role\": \"metrics\"}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.role").value("METRICS"));

		String token = createToken(admin, "prometheus", "METRICS");

		this.mvc.perform(get(PROMETHEUS).with(bearer(token))).andExpect(status().isOk());
		this.mvc.perform(get(PROMETHEUS).with(basic("prometheus-" + admin))).andExpect(status().isOk());
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/runs", "/api/jobs", "/api/results", "/api/me", "/api/users", "/api/tokens",
			"/v3/api-docs", "/actuator" })
	void theMetricsRoleGets403OnTheApiAndTheRestOfActuator(String path) throws Exception {
		String scraper = this.users.create(Role.METRICS);

		this.mvc.perform(get(path).with(basic(scraper)))
			.andExpect(status().isForbidden())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/runs", "/review", "/copy", "/insights", "/swagger-ui/index.html" })
	void theMetricsRoleGets403OnTheDashboard(String path) throws Exception {
		this.mvc.perform(get(path).with(SignedIn.as("METRICS")).accept(MediaType.TEXT_HTML))
			.andExpect(status().isForbidden());
	}

	@Test
	void theMetricsRoleReadsHealthLikeAnyoneWithoutDetails() throws Exception {
		String scraper = this.users.create(Role.METRICS);

		this.mvc.perform(get("/actuator/health").with(basic(scraper)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"))
			.andExpect(jsonPath("$.components").doesNotExist());
		this.mvc.perform(get("/actuator/health/readiness").with(basic(scraper))).andExpect(status().isOk());
	}

	@ParameterizedTest
	@EnumSource(names = { "VIEWER", "REVIEWER", "ADMIN" })
	void theOtherRolesSeeHealthDetails(Role role) throws Exception {
		String user = this.users.create(role);

		this.mvc.perform(get("/actuator/health").with(basic(user)))
			.andExpect(jsonPath("$.components.db.status").value("UP"));
	}

	@Test
	void aMetricsTokenStopsWorkingWhenItsCreatorIsNoLongerAnAdmin() throws Exception {
		String admin = this.users.create(Role.ADMIN);
		String token = createToken(admin, "scraper", "METRICS");
		this.mvc.perform(get(PROMETHEUS).with(bearer(token))).andExpect(status().isOk());

		this.users.accounts().update(admin, Role.VIEWER, null, null);

		this.mvc.perform(get(PROMETHEUS).with(bearer(token))).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/api/runs").with(bearer(token))).andExpect(status().isUnauthorized());
	}

	@Test
	void anAdminTokenOfACreatorNowMetricsOnlyScrapes() throws Exception {
		String admin = this.users.create(Role.ADMIN);
		String token = createToken(admin, "ops", "ADMIN");

		this.users.accounts().update(admin, Role.METRICS, null, null);

		this.mvc.perform(get(PROMETHEUS).with(bearer(token))).andExpect(status().isOk());
		this.mvc.perform(get("/api/runs").with(bearer(token))).andExpect(status().isForbidden());
	}

	/** Paths of endpoints that are not exposed are no actuator requests: a signed-in admin finds nothing there. */
	@ParameterizedTest
	@ValueSource(strings = { "env", "beans", "configprops", "metrics", "loggers", "heapdump", "threaddump" })
	void otherActuatorEndpointsAreNotServedEvenToAdmins(String endpoint) throws Exception {
		this.mvc.perform(get("/actuator/" + endpoint).with(SignedIn.as("ADMIN"))).andExpect(status().isNotFound());
	}

	private String createToken(String creator, String name, String role) throws Exception {
		String response = this.mvc.perform(post("/api/tokens").with(basic(creator))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"" + name + "\", \"role\": \"" + role + "\"}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JsonPath.read(response, "$.token");
	}

}
