package dev.sift.api;

import static org.hamcrest.Matchers.nullValue;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.sift.security.SecuritySlice;
import dev.sift.security.SignedIn;
import dev.sift.worker.WorkerViews;
import dev.sift.worker.WorkerViews.Attempt;
import dev.sift.worker.WorkerViews.CurrentPartition;
import dev.sift.worker.WorkerViews.PartitionView;
import dev.sift.worker.WorkerViews.WorkerView;

/** The workers API with the views mocked: who may read it, the JSON it answers and the 404 of an unknown run. */
@WebMvcTest(WorkersController.class)
@SecuritySlice
class WorkersControllerTest {

	private static final UUID WORKER = UUID.fromString("6f1c2a7e-0b4d-4c39-9a59-1d2e3f405162");

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private WorkerViews views;

	@Test
	void viewersReadTheWorkersWithTheirCurrentPartition() throws Exception {
		when(this.views.workers()).thenReturn(List.of(new WorkerView(WORKER, "host-a", 1234, "tinyllama.gguf", "all",
				8, 2, Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-01T10:02:11Z"), 52, true, "up",
				null, new CurrentPartition(7, "classify-feedback", 1, 4, 2500L, 640, 3.5,
						Instant.parse("2026-12-01T10:00:05Z")))));

		this.mvc.perform(get("/api/workers").with(SignedIn.as("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$[0].id").value(WORKER.toString()))
			.andExpect(jsonPath("$[0].host").value("host-a"))
			.andExpect(jsonPath("$[0].pid").value(1234))
			.andExpect(jsonPath("$[0].model").value("tinyllama.gguf"))
			.andExpect(jsonPath("$[0].gpuLayers").value("all"))
			.andExpect(jsonPath("$[0].slots").value(8))
			.andExpect(jsonPath("$[0].instances").value(2))
			.andExpect(jsonPath("$[0].startedAt").value("2026-12-01T10:00:00Z"))
			.andExpect(jsonPath("$[0].heartbeatAt").value("2026-12-01T10:02:11Z"))
			.andExpect(jsonPath("$[0].secondsSinceHeartbeat").value(52))
			.andExpect(jsonPath("$[0].heartbeatOverdue").value(true))
			.andExpect(jsonPath("$[0].state").value("up"))
			.andExpect(jsonPath("$[0].stoppedAt").value(nullValue()))
			.andExpect(jsonPath("$[0].partition.runId").value(7))
			.andExpect(jsonPath("$[0].partition.job").value("classify-feedback"))
			.andExpect(jsonPath("$[0].partition.index").value(1))
			.andExpect(jsonPath("$[0].partition.partitions").value(4))
			.andExpect(jsonPath("$[0].partition.total").value(2500))
			.andExpect(jsonPath("$[0].partition.records").value(640))
			.andExpect(jsonPath("$[0].partition.recordsPerSecond").value(3.5))
			.andExpect(jsonPath("$[0].partition.startedAt").value("2026-12-01T10:00:05Z"));
	}

	@Test
	void aRunsPartitionsCarryTheirAttempts() throws Exception {
		when(this.views.partitions(7)).thenReturn(Optional.of(List.of(new PartitionView(31, 0, 2, "lines 2 to 1251",
				1250, 900, 880, 20, "STARTED", Instant.parse("2026-12-01T10:00:05Z"), null, "host-b:5678", true,
				List.of(new Attempt("host-a:1234", Instant.parse("2026-12-01T10:00:05Z"),
						Instant.parse("2026-12-01T10:02:11Z"), "lost", "no heartbeat for 45 s"),
						new Attempt("host-b:5678", Instant.parse("2026-12-01T10:02:15Z"), null, "running",
								null))))));

		this.mvc.perform(get("/api/runs/7/partitions").with(SignedIn.as("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].stepExecutionId").value(31))
			.andExpect(jsonPath("$[0].index").value(0))
			.andExpect(jsonPath("$[0].partitions").value(2))
			.andExpect(jsonPath("$[0].description").value("lines 2 to 1251"))
			.andExpect(jsonPath("$[0].records").value(1250))
			.andExpect(jsonPath("$[0].read").value(900))
			.andExpect(jsonPath("$[0].written").value(880))
			.andExpect(jsonPath("$[0].unchanged").value(20))
			.andExpect(jsonPath("$[0].status").value("STARTED"))
			.andExpect(jsonPath("$[0].started").value("2026-12-01T10:00:05Z"))
			.andExpect(jsonPath("$[0].ended").value(nullValue()))
			.andExpect(jsonPath("$[0].worker").value("host-b:5678"))
			.andExpect(jsonPath("$[0].workerActive").value(true))
			.andExpect(jsonPath("$[0].attempts.length()").value(2))
			.andExpect(jsonPath("$[0].attempts[0].worker").value("host-a:1234"))
			.andExpect(jsonPath("$[0].attempts[0].ended").value("2026-12-01T10:02:11Z"))
			.andExpect(jsonPath("$[0].attempts[0].outcome").value("lost"))
			.andExpect(jsonPath("$[0].attempts[0].reason").value("no heartbeat for 45 s"))
			.andExpect(jsonPath("$[0].attempts[1].outcome").value("running"));
	}

	@Test
	void aRunWithoutPartitionsHasNoneAndAnUnknownRunIs404() throws Exception {
		when(this.views.partitions(8)).thenReturn(Optional.of(List.of()));
		when(this.views.partitions(9)).thenReturn(Optional.empty());

		this.mvc.perform(get("/api/runs/8/partitions").with(SignedIn.as("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().json("[]"));
		this.mvc.perform(get("/api/runs/9/partitions").with(SignedIn.as("VIEWER")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Run not found"))
			.andExpect(jsonPath("$.detail").value("No run with id 9"));
	}

	@Test
	void strangersGet401() throws Exception {
		this.mvc.perform(get("/api/workers"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(get("/api/runs/7/partitions"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

}
