package dev.sift.security;

import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** {@code /api/me} with the token table mocked. */
@WebMvcTest(MeController.class)
@SecuritySlice
class MeControllerTest {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private ApiTokens tokens;

	@Test
	void aSignedInUserSeesTheirNameAndRole() throws Exception {
		this.mvc.perform(get("/api/me").with(user("maria").roles("REVIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("maria"))
			.andExpect(jsonPath("$.role").value("REVIEWER"))
			.andExpect(jsonPath("$.token").doesNotExist());
	}

	@Test
	void aTokenActsForItsCreatorWithItsOwnRole() throws Exception {
		when(this.tokens.authenticate("sift_good"))
			.thenReturn(Optional.of(new TokenAuthentication(3, "nightly", "maria", Role.VIEWER)));

		this.mvc.perform(get("/api/me").with(TestUsers.bearer("sift_good")))
			.andExpect(jsonPath("$.name").value("maria"))
			.andExpect(jsonPath("$.role").value("VIEWER"))
			.andExpect(jsonPath("$.token").value("nightly"));
	}

	@Test
	void anUnknownTokenIs401ProblemDetails() throws Exception {
		this.mvc.perform(get("/api/me").with(TestUsers.bearer("sift_unknown")))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

}
