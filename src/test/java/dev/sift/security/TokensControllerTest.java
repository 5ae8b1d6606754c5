package dev.sift.security;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** {@code /api/tokens} with the tables mocked. */
@WebMvcTest(TokensController.class)
@SecuritySlice
class TokensControllerTest {

	private static final RequestPostProcessor ADMIN = SignedIn.as("ADMIN");

	@Autowired
	private MockMvc mvc;

	@Autowired
	private Accounts accounts;

	@Autowired
	private ApiTokens tokens;

	@Test
	void aTokenIsIssuedWithTheCallersRoleAndShownOnce() throws Exception {
		Account admin = new Account(1, "admin", "$2a$10$" + "x".repeat(53), Role.ADMIN, true, 0, null, Instant.EPOCH);
		when(this.accounts.find("admin")).thenReturn(Optional.of(admin));
		when(this.tokens.issue(admin, "nightly", Role.ADMIN)).thenReturn(new ApiTokens.IssuedToken(
				new ApiToken(5, "nightly", Role.ADMIN, "admin", Instant.EPOCH, null), "sift_secret"));

		this.mvc.perform(post("/api/tokens").with(ADMIN).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"nightly\"}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.token").value("sift_secret"))
			.andExpect(jsonPath("$.role").value("ADMIN"));
	}

	@Test
	void aNamelessTokenOrAnUnknownRoleIs400() throws Exception {
		this.mvc.perform(post("/api/tokens").with(ADMIN).contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("A token needs a name of 1 to 100 characters"));
		this.mvc.perform(post("/api/tokens").with(ADMIN).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"n\", \"role\": \"GOD\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("Unknown role 'GOD'")));
		this.mvc.perform(post("/api/tokens").with(ADMIN).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"n\", \"expires\": \"never\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("expires"));
		verify(this.tokens, never()).issue(any(), anyString(), any());
	}

	@Test
	void revokingAnUnknownTokenIs404() throws Exception {
		this.mvc.perform(delete("/api/tokens/77").with(ADMIN))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("No token with id 77"));
	}

	@Test
	void onlyAdminsManageTokens() throws Exception {
		this.mvc.perform(post("/api/tokens").with(SignedIn.as("REVIEWER")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"n\"}")).andExpect(status().isForbidden());
		this.mvc.perform(delete("/api/tokens/1").with(csrf())).andExpect(status().isUnauthorized());
	}

}
