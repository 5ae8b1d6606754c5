package dev.sift.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dev.sift.job.Progress;
import dev.sift.job.RunOptions;
import dev.sift.job.SpecJobs;
import dev.sift.run.InvalidRunRequestException;
import dev.sift.run.JobAlreadyRunningException;
import dev.sift.run.RunAlreadyCompleteException;
import dev.sift.run.RunNotFoundException;
import dev.sift.run.RunService;
import dev.sift.run.RunStateException;
import dev.sift.run.RunViews;
import dev.sift.run.RunViews.RunCounts;
import dev.sift.run.RunViews.RunFilter;
import dev.sift.run.RunViews.RunPage;
import dev.sift.run.RunViews.RunView;
import dev.sift.run.ServiceStoppingException;
import dev.sift.run.TooManyRunsException;
import dev.sift.security.SecuritySlice;
import dev.sift.security.SignedIn;
import dev.sift.testing.TestSpecs;

/** The runs API with the run service mocked: status codes, problem details, body binding and roles. */
@WebMvcTest(RunsController.class)
@SecuritySlice
class RunsControllerTest {

	private static final String RUNS = "/api/jobs/classify-feedback/runs";

	private static final RequestPostProcessor ADMIN = SignedIn.as("ADMIN");

	private static final RequestPostProcessor VIEWER = SignedIn.as("VIEWER");

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private RunService runs;

	@MockitoBean
	private RunViews views;

	@MockitoBean
	private SpecJobs jobs;

	@BeforeEach
	void aRunThatStarts() {
		when(this.jobs.specs()).thenReturn(TestSpecs.shipped());
		JobExecution execution = mock(JobExecution.class);
		when(execution.getId()).thenReturn(42L);
		when(this.runs.start(anyString(), any(), any())).thenReturn(execution);
		when(this.runs.restart(anyLong())).thenReturn(execution);
		when(this.views.find(anyLong())).thenAnswer(call -> run(call.getArgument(0)));
		when(this.views.list(any(), any(Integer.class), any(Integer.class))).thenReturn(new RunPage(List.of(), 0, 20, 0));
	}

	@Test
	void adminStartsARunAndGets202WithItsLocation() throws Exception {
		this.mvc.perform(post(RUNS).with(ADMIN)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"input\": \"data/inbox/may.csv\", \"reprocess\": true, \"limit\": 10}"))
			.andExpect(status().isAccepted())
			.andExpect(header().string("Location", "/api/runs/42"))
			.andExpect(jsonPath("$.id").value(42));

		verify(this.runs).start("classify-feedback", "data/inbox/may.csv", new RunOptions(true, 10L));
	}

	@Test
	void aRunAskedForPartitionsIsStartedSplitForWorkersAndOutOfRangeCountsAre400() throws Exception {
		this.mvc.perform(post(RUNS).with(ADMIN).contentType(MediaType.APPLICATION_JSON).content("{\"partitions\": 8}"))
			.andExpect(status().isAccepted());
		verify(this.runs).start("classify-feedback", null, new RunOptions(false, null, 8));
		for (String count : List.of("0", "257", "-1")) {
			this.mvc.perform(post(RUNS).with(ADMIN)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"partitions\": " + count + "}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.parameter").value("partitions"))
				.andExpect(jsonPath("$.detail", containsString("must be 1 to 256, was " + count)));
		}
	}

	@Test
	void everyBodyFieldIsOptional() throws Exception {
		this.mvc.perform(post(RUNS).with(ADMIN)).andExpect(status().isAccepted());
		this.mvc.perform(post(RUNS).with(ADMIN).contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isAccepted());
		this.mvc.perform(post(RUNS).with(ADMIN).contentType(MediaType.APPLICATION_JSON).content("{\"limit\": null}"))
			.andExpect(status().isAccepted());
	}

	@Test
	void onlyAdminsStartStopAndRestart() throws Exception {
		for (RequestPostProcessor user : List.of(VIEWER, SignedIn.as("REVIEWER"))) {
			this.mvc.perform(post(RUNS).with(user)).andExpect(status().isForbidden());
			this.mvc.perform(post("/api/runs/1/stop").with(user))
				.andExpect(status().isForbidden())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
			this.mvc.perform(post("/api/runs/1/restart").with(user)).andExpect(status().isForbidden());
		}
		this.mvc.perform(get("/api/runs/1").with(VIEWER)).andExpect(status().isOk());
		this.mvc.perform(get("/api/runs")).andExpect(status().isUnauthorized());
		verify(this.runs, never()).start(anyString(), any(), any());
		verify(this.runs, never()).stop(anyLong());
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"input": 123}                 | input     | a JSON string
			{"input": true}                | input     | a JSON string
			{"limit": 1.5}                 | limit     | a whole number
			{"limit": "5"}                 | limit     | a whole number
			{"reprocess": "yes"}           | reprocess | true or false
			{"reprocess": "true"}          | reprocess | true or false
			{"reprocess": 1}               | reprocess | true or false
			{"partitions": 2.5}            | partitions | a whole number
			{"limt": 5}                    | limt      | no such field; the fields are input, limit, partitions, reprocess
			""")
	void bodyValuesOfTheWrongKindAndUnknownFieldsAre400NamingTheField(String body, String field, String expected)
			throws Exception {
		this.mvc.perform(post(RUNS).with(ADMIN).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.parameter").value(field))
			.andExpect(jsonPath("$.detail", containsString(expected)));
		verify(this.runs, never()).start(anyString(), any(), any());
	}

	@Test
	void bodiesThatAreNoJsonObjectAre400WithoutQuotingThem() throws Exception {
		this.mvc.perform(post(RUNS).with(ADMIN).contentType(MediaType.APPLICATION_JSON).content("{\"input\": \"sec"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Invalid body"))
			.andExpect(jsonPath("$.detail", not(containsString("sec"))));
		this.mvc.perform(post(RUNS).with(ADMIN).contentType(MediaType.APPLICATION_JSON).content("[1, 2]"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("JSON object")));
	}

	@Test
	void aHugeUnknownFieldIsNamedShortened() throws Exception {
		String field = "f".repeat(10_000);
		this.mvc.perform(post(RUNS).with(ADMIN).contentType(MediaType.APPLICATION_JSON)
			.content("{\"" + field + "\": 1}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter", matchesPattern("f{100}\\.\\.\\. \\(10000 characters\\)")))
			.andExpect(jsonPath("$.detail", matchesPattern("(?s).{1,500}")));
	}

	@Test
	void bodiesOver64KibAre413() throws Exception {
		String input = "x".repeat(BodySizeLimit.MAX_BYTES);
		this.mvc.perform(post(RUNS).with(ADMIN).contentType(MediaType.APPLICATION_JSON)
			.content("{\"input\": \"" + input + "\"}"))
			.andExpect(status().isContentTooLarge())
			.andExpect(result -> assertThat(result.getResponse().getErrorMessage()).contains("64 KiB"));
		verify(this.runs, never()).start(anyString(), any(), any());
	}

	@Test
	void limitBelowOneIs400() throws Exception {
		this.mvc.perform(post(RUNS).with(ADMIN).contentType(MediaType.APPLICATION_JSON).content("{\"limit\": 0}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("limit"));
	}

	@Test
	void refusalsOfTheServiceKeepTheirStatusAndSayWhy() throws Exception {
		when(this.runs.start(anyString(), any(), any()))
			.thenThrow(new InvalidRunRequestException("input", "x.csv is outside the input directories"))
			.thenThrow(new JobAlreadyRunningException("classify-feedback", "in this process (run 7)"))
			.thenThrow(new RunAlreadyCompleteException("classify-feedback", null))
			.thenThrow(new TooManyRunsException(2))
			.thenThrow(new ServiceStoppingException());

		this.mvc.perform(post(RUNS).with(ADMIN))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("input"))
			.andExpect(jsonPath("$.detail").value("input: x.csv is outside the input directories"));
		this.mvc.perform(post(RUNS).with(ADMIN))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.title").value("Job already running"))
			.andExpect(jsonPath("$.detail", containsString("in this process (run 7)")));
		this.mvc.perform(post(RUNS).with(ADMIN))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.title").value("Run already complete"));
		this.mvc.perform(post(RUNS).with(ADMIN))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "30"));
		this.mvc.perform(post(RUNS).with(ADMIN))
			.andExpect(status().isServiceUnavailable())
			.andExpect(jsonPath("$.title").value("Sift is stopping"));
	}

	@Test
	void stopAndRestartInTheWrongStateAre409AndUnknownRunsAre404() throws Exception {
		when(this.runs.stop(5)).thenThrow(new RunStateException("Run 5 is not running but COMPLETED"));
		when(this.runs.restart(6)).thenThrow(new RunStateException("Run 6 is still running; stop it first"));
		when(this.views.find(7)).thenThrow(new RunNotFoundException(7));

		this.mvc.perform(post("/api/runs/5/stop").with(ADMIN))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.title").value("Run in the wrong state"))
			.andExpect(jsonPath("$.detail").value("Run 5 is not running but COMPLETED"));
		this.mvc.perform(post("/api/runs/6/restart").with(ADMIN)).andExpect(status().isConflict());
		this.mvc.perform(get("/api/runs/7").with(VIEWER))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.title").value("Run not found"));
	}

	@Test
	void anyOtherExceptionIsA500ThatShowsNothingOfIt() throws Exception {
		when(this.runs.start(anyString(), any(), any()))
			.thenThrow(new IllegalStateException("connection to 10.0.0.7 refused"))
			.thenThrow(new IllegalArgumentException("Index 3 out of bounds for length 2"));

		for (int i = 0; i < 2; i++) {
			this.mvc.perform(post(RUNS).with(ADMIN))
				.andExpect(status().isInternalServerError())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.detail").value("The request failed on the server; the log has the details"));
		}
	}

	@Test
	void runIdsAreWholeNumbers() throws Exception {
		this.mvc.perform(get("/api/runs/abc").with(VIEWER))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.parameter").value("id"))
			.andExpect(jsonPath("$.detail").value("id: 'abc' is not a whole number"));
		this.mvc.perform(get("/api/runs").param("page", "p".repeat(3000)).with(VIEWER))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("page"))
			.andExpect(jsonPath("$.detail", matchesPattern("(?s).{1,300}")));
	}

	@ParameterizedTest
	@CsvSource({ "from, -999999999-01-01", "from, 0000-12-31", "to, +10000-01-01", "to, +10000-01-01T00:00:00Z",
			"from, -5000-06-01T00:00:00Z" })
	void datesOutsideYears1To9999Are400NamingTheParameter(String parameter, String value) throws Exception {
		this.mvc.perform(get("/api/runs").param(parameter, value).with(VIEWER))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value(parameter))
			.andExpect(jsonPath("$.detail", containsString("0001-01-01 to 9999-12-31")));
		verify(this.views, never()).list(any(), any(Integer.class), any(Integer.class));
	}

	@Test
	void badListParametersAre400NamingThem() throws Exception {
		this.mvc.perform(get("/api/runs").param("status", "RUNNING").with(VIEWER))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("status"))
			.andExpect(jsonPath("$.detail", containsString("COMPLETED")));
		this.mvc.perform(get("/api/runs").param("size", "1000").with(VIEWER))
			.andExpect(jsonPath("$.parameter").value("size"));
		this.mvc.perform(get("/api/runs").param("from", "yesterday").with(VIEWER))
			.andExpect(jsonPath("$.parameter").value("from"));
		this.mvc.perform(get("/api/runs").param("job", "' OR 1=1 --").with(VIEWER))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("job"));
		verify(this.views, never()).list(any(), any(Integer.class), any(Integer.class));
	}

	@Test
	void listPassesItsFiltersOn() throws Exception {
		this.mvc.perform(get("/api/runs").param("job", "classify-feedback").param("status", "failed")
			.param("from", "0001-01-01").param("to", "9999-12-31T23:59:59Z").param("page", "2").with(VIEWER))
			.andExpect(status().isOk());

		ArgumentCaptor<RunFilter> filter = ArgumentCaptor.forClass(RunFilter.class);
		verify(this.views).list(filter.capture(), eq(2), eq(20));
		assertThat(filter.getValue().job()).isEqualTo("classify-feedback");
		assertThat(filter.getValue().from()).isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
	}

	private static RunView run(long id) {
		return new RunView(id, 1, "classify-feedback", "STARTED", true, "UNKNOWN", "", Instant.EPOCH, Instant.EPOCH,
				null, Map.of(), new RunCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, null), new Progress(0, null, null, null), 1, 0);
	}

}
