package dev.sift;

import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import dev.sift.testing.SiftIntegrationTest;
import dev.sift.testing.TestAccounts;

/**
 * The liveness and readiness probes of the service, open to anyone like the rest of health: readiness is the
 * application's readiness state and the model; liveness is the application's liveness state only.
 */
@SiftIntegrationTest
class HealthProbesTest {

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
	void aStartedServiceIsLiveAndReadyToAnyone() throws Exception {
		this.mvc.perform(get("/actuator/health/liveness"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"))
			.andExpect(jsonPath("$.components").doesNotExist());
		this.mvc.perform(get("/actuator/health/readiness"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"))
			.andExpect(jsonPath("$.components").doesNotExist());
	}

	@Test
	void readinessIsTheReadinessStateAndTheModelAndLivenessOnlyTheLivenessState() throws Exception {
		String viewer = TestAccounts.create(this.jdbc, this.passwordEncoder, "probes-", "VIEWER");

		this.mvc.perform(get("/actuator/health/readiness").header("Authorization", TestAccounts.basic(viewer)))
			.andExpect(jsonPath("$.components.readinessState.status").value("UP"))
			.andExpect(jsonPath("$.components.model.status").value("UP"))
			.andExpect(jsonPath("$.components.model.details.loaded").value(true))
			.andExpect(jsonPath("$.components.db").doesNotExist());
		this.mvc.perform(get("/actuator/health/liveness").header("Authorization", TestAccounts.basic(viewer)))
			.andExpect(jsonPath("$.components.livenessState.status").value("UP"))
			.andExpect(jsonPath("$.components.model").doesNotExist())
			.andExpect(jsonPath("$.components.db").doesNotExist());
	}

	/**
	 * Until start-up is complete (the model loads before the web server takes connections at all) and whenever the
	 * application refuses traffic, readiness is 503 OUT_OF_SERVICE while liveness stays UP.
	 */
	@Test
	void readinessIsOutOfServiceWhileTheApplicationRefusesTraffic() throws Exception {
		AvailabilityChangeEvent.publish(this.context, ReadinessState.REFUSING_TRAFFIC);
		try {
			this.mvc.perform(get("/actuator/health/readiness"))
				.andExpect(status().isServiceUnavailable())
				.andExpect(jsonPath("$.status").value("OUT_OF_SERVICE"));
			this.mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
		}
		finally {
			AvailabilityChangeEvent.publish(this.context, ReadinessState.ACCEPTING_TRAFFIC);
		}
	}

}
