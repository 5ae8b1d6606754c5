package dev.sift.security;

import static dev.sift.security.TestUsers.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

@WebSecurityTest
class UsersApiTest {

	private static final String NEW_PASSWORD = "another long password";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcTemplate jdbc;

	private final TestUsers users;

	@Autowired
	UsersApiTest(Accounts accounts, PasswordEncoder passwordEncoder) {
		this.users = new TestUsers(accounts, passwordEncoder);
	}

	@Test
	void adminCreatesAUserWhoCanThenSignIn() throws Exception {
		String admin = this.users.create(Role.ADMIN);
		String name = "new-" + admin;

		this.mvc.perform(post("/api/users").with(basic(admin))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json(name, NEW_PASSWORD, "REVIEWER")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.name").value(name))
			.andExpect(jsonPath("$.role").value("REVIEWER"))
			.andExpect(jsonPath("$.passwordHash").doesNotExist());

		this.mvc.perform(get("/api/me").with(basic(name, NEW_PASSWORD)))
			.andExpect(jsonPath("$.role").value("REVIEWER"));
	}

	@Test
	void listingShowsUsersWithoutPasswordHashes() throws Exception {
		String admin = this.users.create(Role.ADMIN);

		String listing = this.mvc.perform(get("/api/users").with(basic(admin)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[*].name", hasItem(admin)))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(listing).doesNotContain("$2a$");
	}

	@Test
	void creatingAnExistingUserIsAConflict() throws Exception {
		String admin = this.users.create(Role.ADMIN);

		this.mvc.perform(post("/api/users").with(basic(admin))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json(admin, NEW_PASSWORD, "VIEWER")))
			.andExpect(status().isConflict())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void aNameDifferingOnlyInCaseFromAUsersIsAConflict() throws Exception {
		String admin = this.users.create(Role.ADMIN);
		String viewer = this.users.create(Role.VIEWER);

		this.mvc.perform(post("/api/users").with(basic(admin))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json(viewer.toUpperCase(), NEW_PASSWORD, "ADMIN")))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value("A user named '" + viewer
					+ "' exists; user names are unique regardless of case"));
		this.mvc.perform(get("/api/me").with(basic(viewer))).andExpect(jsonPath("$.role").value("VIEWER"));
	}

	@Test
	void signingInAndLookingUpIgnoreTheCaseOfTheNameWhichStaysAsCreated() throws Exception {
		String admin = this.users.create(Role.ADMIN);
		String name = "Maria-" + admin;
		this.users.create(name, Role.REVIEWER);

		this.mvc.perform(get("/api/me").with(basic(name.toLowerCase())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value(name));
		this.mvc.perform(get("/api/users/{name}", name.toUpperCase()).with(basic(admin)))
			.andExpect(jsonPath("$.name").value(name));
		this.mvc.perform(delete("/api/users/{name}", name.toLowerCase()).with(basic(admin)))
			.andExpect(status().isNoContent());
		this.mvc.perform(get("/api/users/{name}", name).with(basic(admin))).andExpect(status().isNotFound());
	}

	@Test
	void adminChangesRoleEnabledAndPassword() throws Exception {
		String admin = this.users.create(Role.ADMIN);
		String viewer = this.users.create(Role.VIEWER);

		this.mvc.perform(put("/api/users/" + viewer).with(basic(admin))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"role\": \"REVIEWER\", \"password\": \"" + NEW_PASSWORD + "\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.role").value("REVIEWER"));
		this.mvc.perform(get("/api/me").with(basic(viewer, NEW_PASSWORD)))
			.andExpect(jsonPath("$.role").value("REVIEWER"));

		this.mvc.perform(put("/api/users/" + viewer).with(basic(admin))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"enabled\": false}")).andExpect(jsonPath("$.enabled").value(false));
		this.mvc.perform(get("/api/me").with(basic(viewer, NEW_PASSWORD))).andExpect(status().isUnauthorized());
	}

	@Test
	void adminDeletesAUser() throws Exception {
		String admin = this.users.create(Role.ADMIN);
		String viewer = this.users.create(Role.VIEWER);

		this.mvc.perform(delete("/api/users/" + viewer).with(basic(admin))).andExpect(status().isNoContent());

		this.mvc.perform(get("/api/users/" + viewer).with(basic(admin))).andExpect(status().isNotFound());
		this.mvc.perform(delete("/api/users/" + viewer).with(basic(admin))).andExpect(status().isNotFound());
	}

	@Test
	void lastAdminCannotBeDeletedDisabledOrDemoted() throws Exception {
		this.jdbc.update("DELETE FROM sift_user");
		String admin = this.users.create(Role.ADMIN);

		this.mvc.perform(delete("/api/users/" + admin).with(basic(admin)))
			.andExpect(status().isConflict())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(put("/api/users/" + admin).with(basic(admin))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"role\": \"VIEWER\"}")).andExpect(status().isConflict());
		this.mvc.perform(put("/api/users/" + admin).with(basic(admin))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"enabled\": false}")).andExpect(status().isConflict());

		String second = this.users.create(Role.ADMIN);
		this.mvc.perform(delete("/api/users/" + admin).with(basic(second))).andExpect(status().isNoContent());
	}

	@Test
	void sqlLookingUserNamesAreData() throws Exception {
		String admin = this.users.create(Role.ADMIN);
		String name = "' OR 1=1 -- " + admin;
		long usersBefore = count();

		this.mvc.perform(post("/api/users").with(basic(admin))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json(name, NEW_PASSWORD, "VIEWER"))).andExpect(status().isCreated());

		this.mvc.perform(get("/api/users/{name}", name).with(basic(admin)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value(name));
		this.mvc.perform(get("/api/me").with(basic(name, NEW_PASSWORD))).andExpect(jsonPath("$.name").value(name));
		this.mvc.perform(get("/api/me").with(basic("' OR 1=1 --", NEW_PASSWORD))).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/api/users/{name}", "x' OR '1'='1").with(basic(admin))).andExpect(status().isNotFound());
		this.mvc.perform(delete("/api/users/{name}", "x' OR '1'='1").with(basic(admin)))
			.andExpect(status().isNotFound());
		assertThat(count()).isEqualTo(usersBefore + 1);
	}

	private long count() {
		return this.jdbc.queryForObject("SELECT count(*) FROM sift_user", Long.class);
	}

	private static String json(String name, String password, String role) {
		return "{\"name\": \"" + name + "\", \"password\": \"" + password + "\", \"role\": \"" + role + "\"}";
	}

}
