package dev.sift.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
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

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dev.sift.job.SpecJobs;
import dev.sift.result.ResultStore;
import dev.sift.security.SecuritySlice;
import dev.sift.testing.TestSpecs;

/** The runs pages with the run service mocked: what a refusal shows, what a fault does, and who may act. */
@WebMvcTest(RunPagesController.class)
@SecuritySlice
class RunPagesControllerTest {

	private static final RequestPostProcessor ADMIN = user("admin").roles("ADMIN");

	private static final RequestPostProcessor VIEWER = user("viewer").roles("VIEWER");

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private RunViews runs;

	@MockitoBean
	private RunService service;

	@MockitoBean
	private SpecJobs jobs;

	@MockitoBean
	private ResultStore results;

	@BeforeEach
	void noRuns() {
		when(this.jobs.specs()).thenReturn(TestSpecs.shipped());
		when(this.runs.list(any(), anyInt(), anyInt())).thenReturn(new RunViews.RunPage(List.of(), 0, 20, 0));
	}

	@Test
	void viewersSeeTheRunsWithoutTheStartForm() throws Exception {
		this.mvc.perform(get("/runs").with(VIEWER))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("classify-feedback")));
	}

	@Test
	void aListOfSeveralPagesHasOnePagerBelowTheTableAndNoneInTheHeader() throws Exception {
		when(this.runs.list(any(), anyInt(), anyInt())).thenReturn(new RunViews.RunPage(List.of(), 0, 20, 45));

		String page = this.mvc.perform(get("/runs").with(VIEWER))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(page).containsOnlyOnce("class=\"pager\"").contains("Page 1 of 3").doesNotContain("Page null");
		assertThat(page.indexOf("class=\"pager\"")).isGreaterThan(page.indexOf("</table>"));
	}

	@Test
	void anUnknownJobFilterIs400AndAnUnknownRun404() throws Exception {
		when(this.runs.find(99)).thenThrow(new RunNotFoundException(99));

		this.mvc.perform(get("/runs").param("job", "nope").with(VIEWER))
			.andExpect(status().isBadRequest())
			.andExpect(status().reason(containsString("Unknown job 'nope'")));
		this.mvc.perform(get("/runs/99").with(VIEWER))
			.andExpect(status().isNotFound())
			.andExpect(status().reason("No run with id 99"));
	}

	@Test
	void aRefusedStartIsShownOnThePage() throws Exception {
		when(this.service.start(anyString(), any(), any()))
			.thenThrow(new JobAlreadyRunningException("classify-feedback", "in this process (run 3)"));

		this.mvc.perform(post("/runs").param("job", "classify-feedback").with(ADMIN).with(csrf()))
			.andExpect(redirectedUrl("/runs"))
			.andExpect(flash().attribute("error", containsString("in this process (run 3)")));
	}

	@Test
	void aStopOrRestartInTheWrongStateIsShownOnTheRunsPage() throws Exception {
		when(this.service.stop(4)).thenThrow(new RunStateException("Run 4 is not running but COMPLETED"));
		when(this.service.restart(4)).thenThrow(new RunStateException("Run 4 is still running; stop it first"));

		this.mvc.perform(post("/runs/4/stop").with(ADMIN).with(csrf()))
			.andExpect(redirectedUrl("/runs/4"))
			.andExpect(flash().attribute("error", "Run 4 is not running but COMPLETED"));
		this.mvc.perform(post("/runs/4/restart").with(ADMIN).with(csrf()))
			.andExpect(redirectedUrl("/runs/4"))
			.andExpect(flash().attribute("error", "Run 4 is still running; stop it first"));
	}

	@Test
	void aFaultIsNeverShownAsIfTheUserHadErred() {
		when(this.service.start(anyString(), any(), any())).thenThrow(new IllegalStateException("pool exhausted"));

		assertThatThrownBy(() -> this.mvc.perform(post("/runs").param("job", "classify-feedback").with(ADMIN)
			.with(csrf()))).hasRootCauseMessage("pool exhausted");
	}

	@Test
	void onlyAdminsStartStopAndRestart() throws Exception {
		for (String action : new String[] { "/runs", "/runs/1/stop", "/runs/1/restart" }) {
			this.mvc.perform(post(action).param("job", "classify-feedback").with(VIEWER).with(csrf()))
				.andExpect(status().isForbidden());
			this.mvc.perform(post(action).param("job", "classify-feedback").with(user("r").roles("REVIEWER"))
				.with(csrf())).andExpect(status().isForbidden());
		}
		verify(this.service, never()).start(anyString(), any(), any());
	}

	@Test
	void strangersAreSentToTheLoginPage() throws Exception {
		this.mvc.perform(get("/runs")).andExpect(redirectedUrl("/login"));
	}

}
