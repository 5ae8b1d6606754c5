package dev.sift.review;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dev.sift.job.SpecJobs;
import dev.sift.result.ResultFilter;
import dev.sift.result.ResultPage;
import dev.sift.result.ResultStore;
import dev.sift.security.SecuritySlice;
import dev.sift.testing.TestSpecs;

import static org.assertj.core.api.Assertions.assertThat;

/** The review queue with the results mocked: filters, refusals and roles. */
@WebMvcTest(ReviewController.class)
@SecuritySlice
class ReviewControllerTest {

	private static final RequestPostProcessor VIEWER = user("viewer").roles("VIEWER");

	private static final RequestPostProcessor REVIEWER = user("reviewer").roles("REVIEWER");

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private ResultStore results;

	@MockitoBean
	private Reviews reviews;

	@MockitoBean
	private SpecJobs jobs;

	@MockitoBean
	private ReviewExports exports;

	@BeforeEach
	void emptyQueue() {
		when(this.jobs.specs()).thenReturn(TestSpecs.shipped());
		when(this.results.page(any(), any(), anyInt(), anyInt())).thenReturn(new ResultPage(List.of(), 0, 20, 0));
	}

	@Test
	void datesOutsideYears1To9999Are400AndNamedOnThePage() throws Exception {
		this.mvc.perform(get("/review").param("from", "-999999999-01-01").with(VIEWER))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("from: -999999999-01-01 is out of range")));
		this.mvc.perform(get("/review").param("to", "+10000-01-01").with(VIEWER))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("years 1 to 9999")));

		ArgumentCaptor<ResultFilter> filter = ArgumentCaptor.forClass(ResultFilter.class);
		verify(this.results, times(2)).page(filter.capture(), any(), anyInt(), anyInt());
		assertThat(filter.getAllValues()).allSatisfy(asked -> assertThat(asked.from()).isNull());
	}

	@Test
	void aDayInRangeIsFilteredOn() throws Exception {
		this.mvc.perform(get("/review").param("from", "2026-05-01").with(VIEWER)).andExpect(status().isOk());

		ArgumentCaptor<ResultFilter> filter = ArgumentCaptor.forClass(ResultFilter.class);
		verify(this.results).page(filter.capture(), any(), anyInt(), anyInt());
		assertThat(filter.getValue().from()).hasToString("2026-05-01T00:00:00Z");
	}

	@Test
	void correctionsOfAnUnknownJobAre404() throws Exception {
		this.mvc.perform(get("/review/corrections.csv").param("job", "nope").with(VIEWER))
			.andExpect(status().isNotFound())
			.andExpect(status().reason(containsString("Unknown job 'nope'")));
	}

	@Test
	void reviewersAcceptAndSeeWhyAReviewIsRefused() throws Exception {
		doThrow(new InvalidReviewException("Result 8 is failed and cannot be reviewed")).when(this.reviews)
			.accept(8, "reviewer");

		this.mvc.perform(post("/review/7/accept").with(REVIEWER).with(csrf())).andExpect(redirectedUrl("/review"));
		this.mvc.perform(post("/review/8/accept").with(REVIEWER).with(csrf()))
			.andExpect(flash().attribute("error", "Result 8 is failed and cannot be reviewed"))
			.andExpect(flash().attribute("errorId", 8L));
		verify(this.reviews).accept(7, "reviewer");
	}

	@Test
	void viewersMayLookButNotReview() throws Exception {
		this.mvc.perform(get("/review").with(VIEWER)).andExpect(status().isOk());
		this.mvc.perform(post("/review/7/accept").with(VIEWER).with(csrf())).andExpect(status().isForbidden());
		this.mvc.perform(post("/review/accept").param("ids", "7").with(VIEWER).with(csrf()))
			.andExpect(status().isForbidden());
		verify(this.reviews, never()).accept(anyLong(), anyString());
		this.mvc.perform(get("/review")).andExpect(redirectedUrl("/login"));
	}

}
