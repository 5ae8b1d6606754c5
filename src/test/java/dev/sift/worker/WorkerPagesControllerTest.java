package dev.sift.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.sift.security.SecuritySlice;
import dev.sift.testing.PageRows;
import dev.sift.worker.WorkerViews.CurrentPartition;
import dev.sift.worker.WorkerViews.WorkerView;

/** The workers page with the views mocked: what each worker's row says, and who may see it. */
@WebMvcTest(WorkerPagesController.class)
@SecuritySlice
class WorkerPagesControllerTest {

	private static final UUID BUSY = UUID.fromString("00000000-0000-0000-0000-00000000000a");

	private static final UUID STOPPED = UUID.fromString("00000000-0000-0000-0000-00000000000b");

	private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private WorkerViews views;

	@Test
	void eachWorkerShowsWhatItRunsItsHeartbeatAndItsPartitionLinkedToTheRun() throws Exception {
		when(this.views.workers()).thenReturn(List.of(
				new WorkerView(BUSY, "host-a", 1234, "tinyllama.gguf", "all", 8, 2, T0, T0.plusSeconds(70), 52, true,
						"up", null, new CurrentPartition(7, "classify-feedback", 1, 4, 2500L, 640, 3.5, T0)),
				new WorkerView(STOPPED, "host-b", 5678, "tinyllama.gguf", "0", 4, 1, T0, T0, 3 * 3600 + 5, false,
						"stopped", T0.plusSeconds(60), null)));

		String page = this.mvc.perform(get("/workers").with(user("viewer").roles("VIEWER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(PageRows.cells(page, "worker-" + BUSY)).containsExactly("host-a", "1234", "tinyllama.gguf", "all",
				"8", "2", "2026-12-01 10:00", "52 s ago no heartbeat", "up",
				"Run 7 classify-feedback, partition 2 of 4: 640 of 2500 records", "3.50");
		assertThat(PageRows.row(page, "worker-" + BUSY)).contains("<a href=\"/runs/7\">Run 7</a>");
		assertThat(PageRows.cells(page, "worker-" + STOPPED)).containsExactly("host-b", "5678", "tinyllama.gguf", "0",
				"4", "1", "2026-12-01 10:00", "3 h ago", "stopped 2026-12-01 10:01", "idle", "");
		assertThat(page).contains("<a href=\"/workers\" aria-current=\"page\" class=\"active\">Workers</a>");
	}

	@Test
	void heartbeatsAreSaidInTheLargestUnitThatFits() {
		assertThat(WorkerPagesController.ago(0)).isEqualTo("0 s ago");
		assertThat(WorkerPagesController.ago(119)).isEqualTo("119 s ago");
		assertThat(WorkerPagesController.ago(120)).isEqualTo("2 min ago");
		assertThat(WorkerPagesController.ago(7199)).isEqualTo("119 min ago");
		assertThat(WorkerPagesController.ago(7200)).isEqualTo("2 h ago");
		assertThat(WorkerPagesController.ago(48 * 3600)).isEqualTo("2 d ago");
	}

	@Test
	void withoutWorkersThePageSaysSo() throws Exception {
		when(this.views.workers()).thenReturn(List.of());

		this.mvc.perform(get("/workers").with(user("viewer").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("No workers yet.")));
	}

	@Test
	void strangersAreSentToTheLoginPage() throws Exception {
		this.mvc.perform(get("/workers")).andExpect(redirectedUrl("/login"));
	}

}
