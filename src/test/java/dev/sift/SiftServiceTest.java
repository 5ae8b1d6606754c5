package dev.sift;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;


import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import dev.sift.testing.SiftIntegrationTest;
import dev.sift.testing.TestAccounts;

/**
 * The whole application as a service, on the tiny model. MockMvc is built by hand so this test shares its context
 * (and model) with the other integration tests.
 */
@SiftIntegrationTest
class SiftServiceTest {

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
		String viewer = TestAccounts.create(this.jdbc, this.passwordEncoder, "service-", "VIEWER");

		this.mvc.perform(get("/actuator/health"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"))
			.andExpect(jsonPath("$.components").doesNotExist());
		this.mvc.perform(get("/actuator/health").header("Authorization", TestAccounts.basic(viewer)))
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

}
