package dev.sift.security;

import static dev.sift.security.TestUsers.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

@WebSecurityTest
@ExtendWith(OutputCaptureExtension.class)
class FirstAdminTest {

	private static final Pattern SHOWN_PASSWORD = Pattern.compile("generated password:\\s+(\\S+)");

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private AccountBootstrap bootstrap;

	@Test
	void firstStartWithNoUsersShowsAnAdminPasswordOnceAndItSignsIn(CapturedOutput output) throws Exception {
		this.jdbc.update("DELETE FROM sift_user");

		this.bootstrap.afterSingletonsInstantiated();
		this.bootstrap.afterSingletonsInstantiated();

		Matcher shown = SHOWN_PASSWORD.matcher(output.getOut());
		assertThat(shown.find()).isTrue();
		String password = shown.group(1);
		assertThat(shown.find()).as("password shown a second time").isFalse();
		assertThat(output.getOut()).contains("SIFT FIRST START");
		this.mvc.perform(get("/api/me").with(basic(AccountBootstrap.FIRST_ADMIN, password)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.role").value("ADMIN"));
		assertThat(this.jdbc.queryForObject("SELECT password_hash FROM sift_user WHERE username = 'admin'",
				String.class))
			.startsWith("$2")
			.doesNotContain(password);
	}

	@Test
	void noAdminIsCreatedWhileAnyUserExists(CapturedOutput output) {
		this.jdbc.update("DELETE FROM sift_user");
		this.jdbc.update("INSERT INTO sift_user (username, password_hash, role) VALUES ('someone', ?, 'VIEWER')",
				"$2a$10$abcdefghijklmnopqrstuuMq0HYs7OIhXNOOCOhzP4Tc7vGfXgmHS");

		this.bootstrap.afterSingletonsInstantiated();

		assertThat(output.getOut()).doesNotContain("SIFT FIRST START").contains("No enabled ADMIN user");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM sift_user", Long.class)).isEqualTo(1);
	}

}
