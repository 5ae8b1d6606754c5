package dev.sift.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.sift.job.SpecJobs;
import dev.sift.security.SecuritySlice;
import dev.sift.testing.TestSpecs;

@WebMvcTest(JobsController.class)
@SecuritySlice
class JobsControllerTest {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private SpecJobs jobs;

	@BeforeEach
	void shippedSpecs() {
		when(this.jobs.specs()).thenReturn(TestSpecs.shipped());
	}

	@Test
	void viewersListEveryJobWithItsFields() throws Exception {
		this.mvc.perform(get("/api/jobs").with(user("viewer").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[*].name", hasItems("classify-feedback", "product-copy")))
			.andExpect(jsonPath("$[?(@.name == 'classify-feedback')].fields[0].labels[0]").value("positive"))
			.andExpect(jsonPath("$[?(@.name == 'classify-feedback')].schedule.cron").value("0 0 2 * * *"))
			.andExpect(jsonPath("$[?(@.name == 'product-copy')].task").value("generate"));
	}

	@Test
	void unknownJobIs404NamingTheClosestJob() throws Exception {
		this.mvc.perform(get("/api/jobs/clasify-feedback").with(user("viewer").roles("VIEWER")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Unknown job"))
			.andExpect(jsonPath("$.job").value("clasify-feedback"))
			.andExpect(jsonPath("$.detail", containsString("did you mean 'classify-feedback'?")));
	}

	@Test
	void aHugeUnknownJobNameIsNotSentBack() throws Exception {
		this.mvc.perform(get("/api/jobs/" + "x".repeat(5000)).with(user("viewer").roles("VIEWER")))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail", matchesPattern("(?s).{1,500}")))
			.andExpect(jsonPath("$.job", matchesPattern("x{100}\\.\\.\\. \\(5000 characters\\)")));
	}

	@Test
	void strangersGet401ProblemDetails() throws Exception {
		this.mvc.perform(get("/api/jobs"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

}
