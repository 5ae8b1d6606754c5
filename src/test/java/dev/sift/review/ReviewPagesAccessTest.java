package dev.sift.review;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import dev.sift.result.ResultStatus;
import dev.sift.result.ResultStore;
import dev.sift.testing.SiftIntegrationTest;

/**
 * Who may see and do what on the review pages. MockMvc is built by hand so this test shares its context with the
 * browser tests.
 */
@SiftIntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ReviewPagesAccessTest {

	private static final RequestPostProcessor VIEWER = user("viewer").roles("VIEWER");

	private static final RequestPostProcessor REVIEWER = user("reviewer").roles("REVIEWER");

	private static final RequestPostProcessor ADMIN = user("admin").roles("ADMIN");

	@Autowired
	private WebApplicationContext context;

	@Autowired
	private ResultStore repository;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private PasswordEncoder passwordEncoder;

	private MockMvc mvc;

	private ReviewSeeds seeds;

	@BeforeEach
	void setUp() {
		this.mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
		this.seeds = new ReviewSeeds(this.repository, this.jdbc, this.passwordEncoder);
	}

	@Test
	void pagesRedirectStrangersToLogin() throws Exception {
		for (String page : new String[] { "/review", "/copy", "/insights", "/review/corrections.csv?job=x" }) {
			this.mvc.perform(get(page)).andExpect(redirectedUrl("/login"));
		}
	}

	@Test
	void viewerSeesEveryPageWithoutAnyForm() throws Exception {
		String source = ReviewSeeds.newSource("viewer");
		this.seeds.feedback(source, "V-1", ResultStatus.OK, ReviewSeeds.VALID_FEEDBACK);
		this.seeds.copy(source, "V-2", ReviewSeeds.validCopy());

		this.mvc.perform(get("/review").param("source", source).with(VIEWER))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("V-1")))
			.andExpect(content().string(not(containsString("data-save"))))
			.andExpect(content().string(not(containsString("Accept selected"))));
		this.mvc.perform(get("/copy").param("source", source).with(VIEWER))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("V-2")))
			.andExpect(content().string(not(containsString("data-approve"))))
			.andExpect(content().string(not(containsString("data-reject"))));
		this.mvc.perform(get("/insights").with(VIEWER))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<svg")));
	}

	@Test
	void viewerGets403ForEveryAction() throws Exception {
		String source = ReviewSeeds.newSource("viewer-post");
		long feedback = this.seeds.feedback(source, "V-1", ResultStatus.OK, ReviewSeeds.VALID_FEEDBACK);
		long copy = this.seeds.copy(source, "V-2", ReviewSeeds.validCopy());

		for (String action : new String[] { "/review/" + feedback, "/review/" + feedback + "/accept", "/review/accept",
				"/copy/" + copy, "/copy/" + copy + "/reject" }) {
			this.mvc.perform(post(action).param("ids", String.valueOf(feedback)).param("reason", "no").with(VIEWER).with(csrf()))
				.andExpect(status().isForbidden());
		}
		assertStatus(feedback, "ok");
		assertStatus(copy, "draft");
	}

	@Test
	void reviewerSeesFormsWithCsrfTokensAndActs() throws Exception {
		String source = ReviewSeeds.newSource("reviewer");
		long id = this.seeds.feedback(source, "R-1", ResultStatus.OK, ReviewSeeds.VALID_FEEDBACK);

		this.mvc.perform(get("/review").param("source", source).with(REVIEWER))
			.andExpect(content().string(containsString("data-save")))
			.andExpect(content().string(containsString("name=\"_csrf\"")));
		this.mvc.perform(post("/review/" + id + "/accept").param("back", "/review?source=" + source).with(REVIEWER))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/review/" + id + "/accept").param("back", "/review?source=x").with(REVIEWER).with(csrf()))
			.andExpect(redirectedUrl("/review?source=x"));

		assertStatus(id, "reviewed");
	}

	@Test
	void adminMayActAsAReviewer() throws Exception {
		String source = ReviewSeeds.newSource("admin");
		long id = this.seeds.copy(source, "A-1", ReviewSeeds.validCopy());

		this.mvc.perform(post("/copy/" + id + "/reject").param("reason", "Off brand").with(ADMIN).with(csrf()))
			.andExpect(redirectedUrl("/copy"));

		assertStatus(id, "rejected");
	}

	@Test
	void formsReturnOnlyToTheirOwnPage() throws Exception {
		String source = ReviewSeeds.newSource("back");
		long id = this.seeds.feedback(source, "B-1", ResultStatus.OK, ReviewSeeds.VALID_FEEDBACK);

		this.mvc.perform(post("/review/" + id + "/accept").param("back", "https://example.org/review")
			.with(REVIEWER)
			.with(csrf())).andExpect(redirectedUrl("/review"));
	}

	@Test
	void correctionsExportAsCsvAttachment() throws Exception {
		this.mvc.perform(get("/review/corrections.csv").param("job", "classify-feedback").with(VIEWER))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", containsString("classify-feedback-labelled.csv")))
			.andExpect(content().string(containsString("id,text,channel,product,sentiment,topics,urgency,language")));
	}

	private void assertStatus(long id, String expected) {
		org.assertj.core.api.Assertions.assertThat(this.seeds.status(id)).isEqualTo(expected);
	}

}
