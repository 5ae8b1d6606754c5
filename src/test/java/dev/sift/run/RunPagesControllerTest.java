package dev.sift.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
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

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dev.sift.job.Progress;
import dev.sift.job.SpecJobs;
import dev.sift.result.ResultPage;
import dev.sift.result.ResultStore;
import dev.sift.security.SecuritySlice;
import dev.sift.testing.PageRows;
import dev.sift.testing.TestSpecs;
import dev.sift.worker.WorkerViews;
import dev.sift.worker.WorkerViews.Attempt;
import dev.sift.worker.WorkerViews.PartitionView;

/**
 * The runs pages with the run service mocked: what a refusal shows, what a fault does, who may act, and what a run
 * page says of its partitions.
 */
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

	@MockitoBean
	private WorkerViews workers;

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
	void aPartitionedRunShowsEachPartitionWithItsProgressWorkerAndAttempts() throws Exception {
		aRun(5);
		Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
		when(this.workers.partitions(5)).thenReturn(Optional.of(List.of(
				new PartitionView(31, 0, 2, "lines 2 to 1251", 1250, 900, 880, 20, "STARTED", t0, null, "host-b:5678",
						true,
						List.of(new Attempt("host-a:1234", t0, t0.plusSeconds(131), "lost", "no heartbeat for 45 s"),
								new Attempt("host-b:5678", t0.plusSeconds(140), null, "running", null))),
				new PartitionView(32, 1, 2, "lines 1252 to 2502", 1251, 1251, 1251, 0, "COMPLETED", t0,
						t0.plusSeconds(400), "host-c:42", false,
						List.of(new Attempt("host-c:42", t0, t0.plusSeconds(400), "completed", null))))));

		String page = this.mvc.perform(get("/runs/5").with(VIEWER))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(page).contains("<h2>Partitions</h2>");
		String first = PageRows.row(page, "partition-0");
		assertThat(first).contains("1 of 2", "lines 2 to 1251", "<progress max=\"1250\" value=\"900\"", "900 / 1250",
				"STARTED", "<td data-field=\"worker\">host-b:5678</td>",
				"<li>taken by host-a:1234 at 10:00:00, lost at 10:02:11 (no heartbeat for 45 s)</li>",
				"<li>resumed by host-b:5678 at 10:02:20, running</li>");
		assertThat(PageRows.row(page, "partition-1")).contains("2 of 2", "1251 / 1251", "COMPLETED",
				"<td data-field=\"worker\">host-c:42 (last)</td>", "<li>taken by host-c:42 at 10:00:00, completed at 10:06:40</li>");
	}

	@Test
	void aRunWithoutPartitionsHasNoPartitionsSection() throws Exception {
		aRun(6);
		when(this.workers.partitions(6)).thenReturn(Optional.of(List.of()));

		this.mvc.perform(get("/runs/6").with(VIEWER))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<h2>Steps</h2>")))
			.andExpect(content().string(not(containsString("Partitions"))));
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

	/** A completed run of classify-feedback with no steps and no records to review. */
	private void aRun(long id) {
		when(this.runs.find(id)).thenReturn(new RunViews.RunView(id, 1, "classify-feedback", "COMPLETED", false,
				"COMPLETED", "", Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, Map.of(),
				new RunViews.RunCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0L), new Progress(0, 0L, null, null), 1, 0));
		when(this.service.find(id)).thenReturn(mock(JobExecution.class));
		when(this.results.page(any(), any(), anyInt(), anyInt())).thenReturn(new ResultPage(List.of(), 0, 50, 0));
	}

}
