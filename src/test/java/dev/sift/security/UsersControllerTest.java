package dev.sift.security;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** {@code /api/users} with the users table mocked: validation, conflicts, problem details and roles. */
@WebMvcTest(UsersController.class)
@SecuritySlice
class UsersControllerTest {

	private static final RequestPostProcessor ADMIN = SignedIn.as("ADMIN");

	@Autowired
	private MockMvc mvc;

	@Autowired
	private Accounts accounts;

	@Test
	void adminCreatesAUserWithAHashedPassword() throws Exception {
		when(this.accounts.create(eq("maria"), anyString(), eq(Role.REVIEWER))).thenReturn(true);
		when(this.accounts.find("maria")).thenReturn(Optional.of(account("maria", Role.REVIEWER)));

		this.mvc.perform(post("/api/users").with(ADMIN).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"maria\", \"password\": \"a long passphrase\", \"role\": \"REVIEWER\"}"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/users/maria"))
			.andExpect(jsonPath("$.role").value("REVIEWER"))
			.andExpect(jsonPath("$.passwordHash").doesNotExist());

		verify(this.accounts).create(eq("maria"), argThat(hash -> hash.startsWith("$2a$")), eq(Role.REVIEWER));
	}

	@Test
	void aNameThatDiffersOnlyInCaseFromAUsersIsAConflictNamingThatUser() throws Exception {
		when(this.accounts.create(eq("Admin"), anyString(), any())).thenReturn(false);
		when(this.accounts.find("Admin")).thenReturn(Optional.of(account("admin", Role.ADMIN)));

		this.mvc.perform(post("/api/users").with(ADMIN).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"Admin\", \"password\": \"a long passphrase\"}"))
			.andExpect(status().isConflict())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("A user named 'admin' exists; user names are unique regardless of case"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"name": "x", "password": "short"}                              | at least 12 characters
			{"name": "x", "password": "a long passphrase", "role": "ROOT"}  | Unknown role 'ROOT'
			{"name": "a:b", "password": "a long passphrase"}                | may not contain ':'
			{"name": "", "password": "a long passphrase"}                   | 1 to 100 characters
			""")
	void invalidNamesPasswordsAndRolesAre400(String body, String expected) throws Exception {
		this.mvc.perform(post("/api/users").with(ADMIN).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Invalid user or token"))
			.andExpect(jsonPath("$.detail", containsString(expected)));
		verify(this.accounts, never()).create(anyString(), anyString(), any());
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"name": 42, "password": "a long passphrase"}                   | name
			{"name": "x", "password": "a long passphrase", "admin": true}   | admin
			""")
	void bodiesThatDoNotFitAre400NamingTheField(String body, String field) throws Exception {
		this.mvc.perform(post("/api/users").with(ADMIN).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value(field));
	}

	@Test
	void enabledIsTrueOrFalse() throws Exception {
		this.mvc.perform(put("/api/users/maria").with(ADMIN).contentType(MediaType.APPLICATION_JSON)
			.content("{\"enabled\": \"no\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("enabled"))
			.andExpect(jsonPath("$.detail").value("enabled: must be true or false"));
	}

	@Test
	void removingTheLastAdminIsAConflict() throws Exception {
		when(this.accounts.delete("root")).thenThrow(new LastAdminException("root"));

		this.mvc.perform(delete("/api/users/root").with(ADMIN))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.title").value("Last admin"))
			.andExpect(jsonPath("$.detail", containsString("make another user ADMIN first")));
	}

	@Test
	void anUnknownUserIs404WithTheNameShortened() throws Exception {
		this.mvc.perform(get("/api/users/{name}", "u".repeat(2000)).with(ADMIN))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", matchesPattern("No user named 'u{100}\\.\\.\\. \\(2000 characters\\)'")));
	}

	@Test
	void onlyAdminsManageUsers() throws Exception {
		this.mvc.perform(get("/api/users").with(SignedIn.as("VIEWER")))
			.andExpect(status().isForbidden())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(post("/api/users").with(SignedIn.as("REVIEWER"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"x\", \"password\": \"a long passphrase\"}")).andExpect(status().isForbidden());
		this.mvc.perform(get("/api/users")).andExpect(status().isUnauthorized());
		verify(this.accounts, never()).create(anyString(), anyString(), any());
	}

	private static Account account(String name, Role role) {
		return new Account(1, name, "$2a$10$" + "x".repeat(53), role, true, 0, null, Instant.EPOCH);
	}

}
