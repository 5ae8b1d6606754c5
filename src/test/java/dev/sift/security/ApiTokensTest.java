package dev.sift.security;

import static dev.sift.security.TestUsers.basic;
import static dev.sift.security.TestUsers.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@WebSecurityTest
class ApiTokensTest {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcTemplate jdbc;

	private final TestUsers users;

	@Autowired
	ApiTokensTest(Accounts accounts, PasswordEncoder passwordEncoder) {
		this.users = new TestUsers(accounts, passwordEncoder);
	}

	@Test
	void createdTokenWorksAsBearer() throws Exception {
		String admin = this.users.create(Role.ADMIN);

		String token = createToken(basic(admin), "ci", null);

		this.mvc.perform(get("/api/me").with(bearer(token)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value(admin))
			.andExpect(jsonPath("$.role").value("ADMIN"))
			.andExpect(jsonPath("$.token").value("ci"));
	}

	@Test
	void tokenActsWithTheRoleItWasGiven() throws Exception {
		String admin = this.users.create(Role.ADMIN);
		String token = createToken(basic(admin), "read-only", "VIEWER");

		this.mvc.perform(get("/api/me").with(bearer(token))).andExpect(jsonPath("$.role").value("VIEWER"));
		this.mvc.perform(get("/api/users").with(bearer(token)))
			.andExpect(status().isForbidden())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void tokenNeverActsWithMoreThanItsCreatorHasNow() throws Exception {
		String admin = this.users.create(Role.ADMIN);
		String token = createToken(basic(admin), "ops", null);

		this.users.accounts().update(admin, Role.REVIEWER, null, null);

		this.mvc.perform(get("/api/me").with(bearer(token))).andExpect(jsonPath("$.role").value("REVIEWER"));
		this.mvc.perform(get("/api/tokens").with(bearer(token))).andExpect(status().isForbidden());
	}

	@Test
	void revokedTokenGets401() throws Exception {
		String admin = this.users.create(Role.ADMIN);
		String token = createToken(basic(admin), "short-lived", null);
		long id = tokenId(token);

		this.mvc.perform(delete("/api/tokens/" + id).with(basic(admin))).andExpect(status().isNoContent());

		this.mvc.perform(get("/api/me").with(bearer(token)))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void unknownTokenGets401() throws Exception {
		this.mvc.perform(get("/api/me").with(bearer("sift_made-up"))).andExpect(status().isUnauthorized());
	}

	@Test
	void tokenSecretIsStoredOnlyAsItsHash() throws Exception {
		String admin = this.users.create(Role.ADMIN);

		String token = createToken(basic(admin), "hashed", null);

		Map<String, Object> row = this.jdbc.queryForMap("SELECT * FROM api_token WHERE id = ?", tokenId(token));
		assertThat(row.values()).noneMatch(value -> value != null && value.toString().contains(token));
		assertThat(row.get("secret_sha256")).isEqualTo(sha256Hex(token));
		assertThat(token).startsWith("sift_").hasSizeGreaterThan(40);
	}

	@Test
	void listingShowsTokensButNeverTheirSecrets() throws Exception {
		String admin = this.users.create(Role.ADMIN);
		String token = createToken(basic(admin), "listed", "REVIEWER");

		String listing = this.mvc.perform(get("/api/tokens").with(basic(admin)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(listing).doesNotContain(token).doesNotContain(sha256Hex(token));
		List<String> creators = JsonPath.read(listing, "$[?(@.id == " + tokenId(token) + ")].createdBy");
		assertThat(creators).containsExactly(admin);
	}

	@Test
	void tokenOfADeletedUserGets401() throws Exception {
		String admin = this.users.create(Role.ADMIN);
		String token = createToken(basic(admin), "orphan", null);

		this.users.accounts().delete(admin);

		this.mvc.perform(get("/api/me").with(bearer(token))).andExpect(status().isUnauthorized());
	}

	@Test
	void viewerCannotCreateTokens() throws Exception {
		String viewer = this.users.create(Role.VIEWER);

		this.mvc.perform(post("/api/tokens").with(basic(viewer))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"mine\"}")).andExpect(status().isForbidden());
	}

	private String createToken(RequestPostProcessor caller, String name, String role) throws Exception {
		String body = role == null ? "{\"name\": \"" + name + "\"}"
				: "{\"name\": \"" + name + "\", \"role\": \"" + role + "\"}";
		// No CSRF token: the request carries its own credentials.
		String response = this.mvc.perform(post("/api/tokens").with(caller)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.name").value(name))
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JsonPath.read(response, "$.token");
	}

	private long tokenId(String token) {
		return this.jdbc.queryForObject("SELECT id FROM api_token WHERE secret_sha256 = ?", Long.class,
				sha256Hex(token));
	}

	/** Computed here with the JDK, not with the helper the code under test uses. */
	private static String sha256Hex(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
