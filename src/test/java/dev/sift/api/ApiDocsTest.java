package dev.sift.api;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.context.WebApplicationContext;

import dev.sift.testing.SiftIntegrationTest;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SiftIntegrationTest
class ApiDocsTest {

	@Autowired
	private WebApplicationContext context;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private PasswordEncoder passwordEncoder;

	@Test
	void openApiDescriptionListsTheApiForSignedInUsersOnly() throws Exception {
		ApiClient api = new ApiClient(this.context, this.jdbc, this.passwordEncoder);

		api.mvc.perform(get("/v3/api-docs")).andExpect(status().isUnauthorized());
		api.mvc.perform(get("/v3/api-docs").with(api.user("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.paths['/api/jobs']").exists())
			.andExpect(jsonPath("$.paths['/api/jobs/{job}/runs'].post.summary").value("Start a run (ADMIN)"))
			.andExpect(jsonPath("$.paths['/api/runs/{id}']").exists())
			.andExpect(jsonPath("$.paths['/api/runs/{id}/stop']").exists())
			.andExpect(jsonPath("$.paths['/api/runs/{id}/restart']").exists())
			.andExpect(jsonPath("$.paths['/api/results']").exists())
			.andExpect(jsonPath("$.paths['/api/results/export.csv']").exists())
			.andExpect(jsonPath("$.paths['/api/workers']").exists())
			.andExpect(jsonPath("$.paths['/api/runs/{id}/partitions']").exists());
	}

	/** The page is the browser's, signed in with a session rather than Basic credentials. */
	@Test
	void swaggerUiIsServedFromSiftToSignedInUsers() throws Exception {
		ApiClient api = new ApiClient(this.context, this.jdbc, this.passwordEncoder);

		api.mvc.perform(get("/swagger-ui/index.html")).andExpect(status().is3xxRedirection());
		api.mvc.perform(get("/swagger-ui/index.html").with(user("viewer").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("swagger-ui")));
	}

}
