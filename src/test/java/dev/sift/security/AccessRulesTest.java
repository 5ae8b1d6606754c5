package dev.sift.security;

import static dev.sift.security.TestUsers.basic;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

@WebSecurityTest
class AccessRulesTest {

	@Autowired
	private MockMvc mvc;

	private final TestUsers users;

	@Autowired
	AccessRulesTest(Accounts accounts, PasswordEncoder passwordEncoder) {
		this.users = new TestUsers(accounts, passwordEncoder);
	}

	@Test
	void unauthenticatedApiRequestGets401ProblemDetailsAndNoRedirect() throws Exception {
		this.mvc.perform(get("/api/me").accept(MediaType.TEXT_HTML))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().doesNotExist("Location"))
			.andExpect(header().string("WWW-Authenticate", containsString("Bearer")))
			.andExpect(jsonPath("$.status").value(401))
			.andExpect(jsonPath("$.title").value("Unauthorized"))
			.andExpect(jsonPath("$.instance").value("/api/me"));
	}

	@Test
	void unknownApiPathIsAlso401ForStrangers() throws Exception {
		this.mvc.perform(get("/api/no-such-thing"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void unauthenticatedPageRedirectsToLogin() throws Exception {
		this.mvc.perform(get("/").accept(MediaType.TEXT_HTML))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/login"));
	}

	@Test
	void loginPageAndItsStylesheetAreOpen() throws Exception {
		this.mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"_csrf\"")));
		this.mvc.perform(get("/css/sift.css")).andExpect(status().isOk());
	}

	@Test
	void healthShowsStatusWithoutAuthenticationButNoDetails() throws Exception {
		this.mvc.perform(get("/actuator/health"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"))
			.andExpect(jsonPath("$.components").doesNotExist());
		this.mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
	}

	@Test
	void healthShowsDetailsToAuthenticatedUsers() throws Exception {
		String viewer = this.users.create(Role.VIEWER);

		this.mvc.perform(get("/actuator/health").with(basic(viewer)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.components.db.status").value("UP"));
	}

	@Test
	void otherActuatorEndpointsNeedAuthentication() throws Exception {
		this.mvc.perform(get("/actuator"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void basicAuthenticationWorksForUsers() throws Exception {
		String reviewer = this.users.create(Role.REVIEWER);

		this.mvc.perform(get("/api/me").with(basic(reviewer)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value(reviewer))
			.andExpect(jsonPath("$.role").value("REVIEWER"))
			.andExpect(jsonPath("$.token").doesNotExist());
	}

	@Test
	void wrongPasswordGets401() throws Exception {
		String viewer = this.users.create(Role.VIEWER);

		this.mvc.perform(get("/api/me").with(basic(viewer, "not the password")))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void viewerOnAnAdminEndpointGets403ProblemDetails() throws Exception {
		String viewer = this.users.create(Role.VIEWER);

		this.mvc.perform(get("/api/users").with(basic(viewer)))
			.andExpect(status().isForbidden())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(403));
	}

	@Test
	void adminIncludesTheLowerRoles() throws Exception {
		String admin = this.users.create(Role.ADMIN);

		this.mvc.perform(get("/api/users").with(basic(admin))).andExpect(status().isOk());
		this.mvc.perform(get("/api/me").with(basic(admin))).andExpect(jsonPath("$.role").value("ADMIN"));
	}

	@Test
	void disabledUserCannotSignIn() throws Exception {
		String viewer = this.users.create(Role.VIEWER);
		this.users.accounts().update(viewer, null, false, null);

		this.mvc.perform(get("/api/me").with(basic(viewer))).andExpect(status().isUnauthorized());
	}

	@Test
	void pagesAndApiCarrySecurityHeaders() throws Exception {
		for (String path : new String[] { "/login", "/api/me" }) {
			this.mvc.perform(get(path))
				.andExpect(header().string("Content-Security-Policy", containsString("default-src 'self'")))
				.andExpect(header().string("X-Content-Type-Options", "nosniff"))
				.andExpect(header().string("X-Frame-Options", "DENY"))
				.andExpect(header().string("Referrer-Policy", "same-origin"));
		}
	}

}
