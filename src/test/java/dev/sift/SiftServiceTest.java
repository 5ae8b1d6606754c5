package dev.sift;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import dev.sift.testing.SiftIntegrationTest;

/**
 * The whole application as a service, on the tiny model. MockMvc is built by hand so this test shares its context
 * (and model) with the other integration tests.
 */
@SiftIntegrationTest
class SiftServiceTest {

	private static final String PASSWORD = "service test password";

	@Autowired
	private WebApplicationContext context;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private PasswordEncoder passwordEncoder;

	private MockMvc mvc;

	@BeforeEach
	void buildMockMvc() {
		this.mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
	}

	@Test
	void healthShowsStatusToAnyoneAndTheModelToSignedInUsers() throws Exception {
		String viewer = "service-viewer-" + UUID.randomUUID();
		this.jdbc.update("INSERT INTO sift_user (username, password_hash, role) VALUES (?, ?, 'VIEWER')", viewer,
				this.passwordEncoder.encode(PASSWORD));

		this.mvc.perform(get("/actuator/health"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"))
			.andExpect(jsonPath("$.components").doesNotExist());
		this.mvc.perform(get("/actuator/health").header("Authorization", basic(viewer)))
			.andExpect(jsonPath("$.components.model.status").value("UP"))
			.andExpect(jsonPath("$.components.model.details.loaded").value(true))
			.andExpect(jsonPath("$.components.model.details.parallelSlots").value(2))
			.andExpect(jsonPath("$.components.db.status").value("UP"));
	}

	@Test
	void apiIsClosedToStrangers() throws Exception {
		this.mvc.perform(get("/api/me"))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.detail", containsString("Authentication required")));
	}

	private static String basic(String name) {
		return "Basic " + Base64.getEncoder().encodeToString((name + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

}
