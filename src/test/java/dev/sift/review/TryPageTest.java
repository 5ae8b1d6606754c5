package dev.sift.review;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import dev.sift.testing.ScriptedModelTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The Try page through the whole application and the scripted model (its replies are known): a text gets the reply a
 * run would store, the job's rules it kept or broke, the raw reply and the messages the model got, and nothing is
 * stored. Only reviewers may try.
 */
@ScriptedModelTest
class TryPageTest {

	private static final RequestPostProcessor REVIEWER = user("rita").roles("REVIEWER");

	@Autowired
	private WebApplicationContext context;

	@Autowired
	private JdbcTemplate jdbc;

	private MockMvc mvc;

	@BeforeEach
	void setUp() {
		this.mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
	}

	@Test
	void aValidReplyShowsItsValuesEveryRuleKeptTheRawReplyAndTheMessages() throws Exception {
		long stored = storedResults();

		this.mvc.perform(post("/try").param("job", "classify-feedback")
			.param("text", "The box came late again.")
			.with(REVIEWER)
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Result: <span class=\"status\">ok</span>"),
					containsString("<dt>sentiment</dt><dd>negative</dd>"),
					containsString("<dt>topics</dt><dd>delivery</dd>"), containsString("kept: sentiment (label, one of "
							+ "positive, neutral, negative, mixed)"),
					not(containsString("broken: ")), containsString("&quot;se&quot;:&quot;negative&quot;"),
					containsString("You classify customer feedback for a support team."),
					containsString("The box came late again."))));

		assertThat(storedResults()).as("nothing stored").isEqualTo(stored);
	}

	@Test
	void aReplyThatBreaksARuleNeedsReviewAndSaysWhichRule() throws Exception {
		this.mvc.perform(post("/try").param("job", "classify-feedback")
			.param("text", "Refund me now.")
			.with(REVIEWER)
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Result: <span class=\"status\">needs_review</span>"),
					containsString("broken: sentiment"), containsString("furious"),
					containsString("kept: urgency"))));
	}

	@Test
	void aGenerateJobTakesItsPromptColumns() throws Exception {
		this.mvc.perform(post("/try").param("job", "product-copy")
			.param("text", "Classic Box for Two")
			.param("column.category", "meal kit")
			.param("column.features", "3 recipes a week")
			.with(REVIEWER)
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Result: <span class=\"status\">draft</span>"),
					containsString("Product: Classic Box for Two"), containsString("Category: meal kit"),
					containsString("Features: 3 recipes a week"))));
	}

	@Test
	void viewersMayNotTry() throws Exception {
		this.mvc.perform(get("/try").with(user("vic").roles("VIEWER"))).andExpect(status().isForbidden());
		this.mvc.perform(post("/try").param("job", "classify-feedback")
			.param("text", "hi")
			.with(user("vic").roles("VIEWER"))
			.with(csrf())).andExpect(status().isForbidden());
		this.mvc.perform(get("/try").param("job", "product-copy").with(REVIEWER))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"column.category\"")));
	}

	private long storedResults() {
		return this.jdbc.queryForObject("SELECT count(*) FROM classification_result", Long.class);
	}

}
