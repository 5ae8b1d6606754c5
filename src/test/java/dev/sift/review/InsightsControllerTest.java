package dev.sift.review;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.sift.job.SpecJobs;
import dev.sift.result.ResultStatus;
import dev.sift.result.ResultStore;
import dev.sift.result.StatusCounts;
import dev.sift.security.SecuritySlice;
import dev.sift.testing.TestSpecs;

/** The insights page with the counts mocked. */
@WebMvcTest(InsightsController.class)
@SecuritySlice
class InsightsControllerTest {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private ResultStore results;

	@MockitoBean
	private SpecJobs jobs;

	@Test
	void viewersSeeEveryJobsCountsAndCharts() throws Exception {
		when(this.jobs.specs()).thenReturn(TestSpecs.shipped());
		when(this.results.countByStatus(any())).thenReturn(new StatusCounts(Map.of(ResultStatus.NEEDS_REVIEW, 7L)));
		when(this.results.countsPerDay("classify-feedback", "sentiment"))
			.thenReturn(List.of(new ResultStore.DayCount(LocalDate.parse("2026-05-01"), "negative", 3)));

		this.mvc.perform(get("/insights").with(user("viewer").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("classify-feedback")))
			.andExpect(content().string(containsString("<svg")));
	}

	@Test
	void strangersAreSentToTheLoginPage() throws Exception {
		this.mvc.perform(get("/insights")).andExpect(redirectedUrl("/login"));
	}

}
