package dev.sift.security;

import static dev.sift.security.TestUsers.basic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

@WebSecurityTest
class BrowserSessionTest {

	@Autowired
	private MockMvc mvc;

	private final TestUsers users;

	@Autowired
	BrowserSessionTest(Accounts accounts, PasswordEncoder passwordEncoder) {
		this.users = new TestUsers(accounts, passwordEncoder);
	}

	@Test
	void formPostWithoutCsrfTokenIsForbidden() throws Exception {
		String viewer = this.users.create(Role.VIEWER);

		this.mvc.perform(post("/login").param("username", viewer).param("password", TestUsers.PASSWORD))
			.andExpect(status().isForbidden());
	}

	@Test
	void formLoginWithCsrfTokenSignsInAndLeadsToTheRuns() throws Exception {
		String viewer = this.users.create(Role.VIEWER);

		MockHttpSession session = signIn(viewer);

		this.mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/runs"));
		this.mvc.perform(get("/api/me").session(session)).andExpect(jsonPath("$.name").value(viewer));
	}

	@Test
	void signedInBrowserCallsTheApiAndNeedsCsrfTokensToChangeThings() throws Exception {
		String admin = this.users.create(Role.ADMIN);
		MockHttpSession session = signIn(admin);

		this.mvc.perform(get("/api/me").session(session)).andExpect(jsonPath("$.name").value(admin));
		this.mvc.perform(post("/api/tokens").session(session)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"from-browser\"}"))
			.andExpect(status().isForbidden())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(post("/api/tokens").session(session)
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"from-browser\"}")).andExpect(status().isCreated());
	}

	@Test
	void requestsWithBasicCredentialsNeedNoCsrfToken() throws Exception {
		String admin = this.users.create(Role.ADMIN);

		this.mvc.perform(post("/api/tokens").with(basic(admin))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"from-script\"}")).andExpect(status().isCreated());
	}

	@Test
	void signOutNeedsACsrfTokenAndEndsTheSession() throws Exception {
		String viewer = this.users.create(Role.VIEWER);
		MockHttpSession session = signIn(viewer);

		this.mvc.perform(post("/logout").session(session)).andExpect(status().isForbidden());
		this.mvc.perform(post("/logout").session(session).with(csrf()))
			.andExpect(redirectedUrl("/login?logout"));

		this.mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/login"));
	}

	private MockHttpSession signIn(String name) throws Exception {
		MockHttpSession session = new MockHttpSession();
		this.mvc
			.perform(post("/login").session(session)
				.param("username", name)
				.param("password", TestUsers.PASSWORD)
				.with(csrf()))
			.andExpect(redirectedUrl("/"));
		return session;
	}

}
