package dev.sift.security;

import static dev.sift.security.TestUsers.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

/** The default settings: 5 failures lock for 15 minutes. */
@WebSecurityTest
@ExtendWith(OutputCaptureExtension.class)
class LoginLockoutTest {

	private static final String WRONG = "not the password";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TestClock clock;

	private final TestUsers users;

	private final PasswordEncoder passwordEncoder;

	@Autowired
	LoginLockoutTest(Accounts accounts, PasswordEncoder passwordEncoder) {
		this.users = new TestUsers(accounts, passwordEncoder);
		this.passwordEncoder = passwordEncoder;
	}

	@Test
	void fiveWrongPasswordsLockTheUserEvenWithTheRightPassword() throws Exception {
		String viewer = this.users.create(Role.VIEWER);

		failBasic(viewer, 5);

		this.mvc.perform(get("/api/me").with(basic(viewer))).andExpect(status().isUnauthorized());
		assertLocked(viewer, true);
	}

	@Test
	void wrongPasswordsCountAcrossTheCasesOfTheName() throws Exception {
		String viewer = this.users.create(Role.VIEWER);

		failBasic(viewer.toUpperCase(), 3);
		failBasic(viewer, 2);

		this.mvc.perform(get("/api/me").with(basic(viewer.toUpperCase()))).andExpect(status().isUnauthorized());
		assertLocked(viewer, true);
	}

	@Test
	void lockedUserCanSignInAgainAfterTheLockout() throws Exception {
		String viewer = this.users.create(Role.VIEWER);
		failBasic(viewer, 5);

		this.clock.advance(Duration.ofMinutes(14));
		this.mvc.perform(get("/api/me").with(basic(viewer))).andExpect(status().isUnauthorized());

		this.clock.advance(Duration.ofMinutes(1).plusSeconds(1));
		this.mvc.perform(get("/api/me").with(basic(viewer))).andExpect(status().isOk());
		assertLocked(viewer, false);
	}

	@Test
	void successfulLoginResetsTheCount() throws Exception {
		String viewer = this.users.create(Role.VIEWER);
		failBasic(viewer, 4);

		this.mvc.perform(get("/api/me").with(basic(viewer))).andExpect(status().isOk());
		failBasic(viewer, 4);

		this.mvc.perform(get("/api/me").with(basic(viewer))).andExpect(status().isOk());
	}

	@Test
	void failedFormLoginsCountToo() throws Exception {
		String viewer = this.users.create(Role.VIEWER);
		for (int i = 0; i < 5; i++) {
			this.mvc.perform(post("/login").param("username", viewer).param("password", WRONG).with(csrf()))
				.andExpect(redirectedUrl("/login?error"));
		}

		this.mvc
			.perform(post("/login").param("username", viewer).param("password", TestUsers.PASSWORD).with(csrf()))
			.andExpect(redirectedUrl("/login?error"));
		assertLocked(viewer, true);
	}

	@Test
	void failedLoginsAreLoggedWithoutThePassword(CapturedOutput output) throws Exception {
		String viewer = this.users.create(Role.VIEWER);

		failBasic(viewer, 1);

		assertThat(output.getOut())
			.contains("Failed login for user '" + viewer + "'")
			.doesNotContain(WRONG);
	}

	@Test
	void newPasswordLiftsTheLock() throws Exception {
		String viewer = this.users.create(Role.VIEWER);
		failBasic(viewer, 5);

		this.users.accounts().update(viewer, null, null, this.passwordEncoder.encode("a brand new password"));

		this.mvc.perform(get("/api/me").with(basic(viewer, "a brand new password"))).andExpect(status().isOk());
	}

	private void failBasic(String name, int times) throws Exception {
		for (int i = 0; i < times; i++) {
			this.mvc.perform(get("/api/me").with(basic(name, WRONG))).andExpect(status().isUnauthorized());
		}
	}

	private void assertLocked(String name, boolean locked) {
		assertThat(this.users.accounts().find(name).orElseThrow().lockedAt(this.clock.instant())).isEqualTo(locked);
	}

}
