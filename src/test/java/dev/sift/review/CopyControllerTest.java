package dev.sift.review;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dev.sift.job.SpecJobs;
import dev.sift.result.ResultPage;
import dev.sift.result.ResultStore;
import dev.sift.security.SecuritySlice;
import dev.sift.testing.TestSpecs;

/** The product copy page with the results mocked. */
@WebMvcTest(CopyController.class)
@SecuritySlice
class CopyControllerTest {

	private static final RequestPostProcessor REVIEWER = user("reviewer").roles("REVIEWER");

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private ResultStore results;

	@MockitoBean
	private Corrections corrections;

	@MockitoBean
	private Reviews reviews;

	@MockitoBean
	private SpecJobs jobs;

	@MockitoBean
	private ReviewExports exports;

	@BeforeEach
	void noDrafts() {
		when(this.jobs.specs()).thenReturn(TestSpecs.shipped());
		when(this.results.page(any(), any(), anyInt(), anyInt())).thenReturn(new ResultPage(List.of(), 0, 20, 0));
	}

	@Test
	void approvedCopyOfAnUnknownJobIs404() throws Exception {
		this.mvc.perform(get("/copy/approved.csv").param("job", "product-cpy").with(REVIEWER))
			.andExpect(status().isNotFound())
			.andExpect(status().reason(containsString("did you mean 'product-copy'?")));
	}

	@Test
	void aRejectionWithoutReasonIsRefusedBesideTheDraft() throws Exception {
		doThrow(new InvalidReviewException("Result 3: a rejection needs a reason")).when(this.reviews)
			.reject(3, null, "reviewer");

		this.mvc.perform(post("/copy/3/reject").with(REVIEWER).with(csrf()))
			.andExpect(redirectedUrl("/copy"))
			.andExpect(flash().attribute("error", "Result 3: a rejection needs a reason"));
	}

	@Test
	void viewersMayLookButNotDecide() throws Exception {
		RequestPostProcessor viewer = user("viewer").roles("VIEWER");

		this.mvc.perform(get("/copy").with(viewer)).andExpect(status().isOk());
		this.mvc.perform(post("/copy/3/reject").param("reason", "no").with(viewer).with(csrf()))
			.andExpect(status().isForbidden());
		verify(this.reviews, never()).reject(anyLong(), anyString(), anyString());
	}

}
