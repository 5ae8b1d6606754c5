package dev.sift.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dev.sift.definition.JobSpec;
import dev.sift.definition.JobSpecs;
import dev.sift.job.SpecJobs;
import dev.sift.result.ResultFilter;
import dev.sift.result.ResultOrder;
import dev.sift.result.ResultPage;
import dev.sift.result.ResultStore;
import dev.sift.security.SecuritySlice;
import dev.sift.testing.TestSpecs;

/** The results API with the results store mocked: filters are checked against the job's fields before any query. */
@WebMvcTest(ResultsController.class)
@SecuritySlice
class ResultsControllerTest {

	private static final RequestPostProcessor VIEWER = user("viewer").roles("VIEWER");

	@TempDir
	static Path specs;

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private ResultStore results;

	@MockitoBean
	private SpecJobs jobs;

	@BeforeEach
	void shippedSpecsAndOneWithNumbers() throws IOException {
		Path spec = Files.writeString(specs.resolve("scores.yml"), """
				name: scores
				source: {type: csv, path: scores.csv, id-column: id, text-columns: [text]}
				task:
				  type: classify
				  instructions: Score the text.
				  fields:
				    - {name: stars, type: integer, minimum: 1, maximum: 5}
				    - {name: weight, type: number, minimum: 0, maximum: 1}
				""");
		List<JobSpec> all = new ArrayList<>(TestSpecs.shipped().all());
		all.addAll(JobSpecs.load(spec.getParent()).all());
		when(this.jobs.specs()).thenReturn(new JobSpecs(all));
		when(this.results.page(any(), any(), anyInt(), anyInt())).thenReturn(new ResultPage(List.of(), 0, 20, 0));
	}

	@Test
	void unknownLabelOfALabelFieldIs400NamingItsLabels() throws Exception {
		this.mvc.perform(get("/api/results").param("job", "classify-feedback").param("label", "sentiment:angry")
			.with(VIEWER))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.parameter").value("label"))
			.andExpect(jsonPath("$.detail", containsString("no label 'angry'")))
			.andExpect(jsonPath("$.detail", containsString("Its labels: positive, neutral, negative, mixed")));
		this.mvc.perform(get("/api/results").param("job", "classify-feedback").param("label", "topics:biling")
			.with(VIEWER))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("did you mean 'billing'?")));
		verify(this.results, never()).page(any(), any(), anyInt(), anyInt());
	}

	@ParameterizedTest
	@CsvSource({ "survey-themes, explains_score:yes, true or false", "survey-themes, explains_score:TRUE, true or false",
			"scores, stars:4.5, a whole number", "scores, stars:four, a whole number", "scores, weight:0.5x, a number" })
	void booleanAndNumberFieldsTakeOnlyTheirKindOfValue(String job, String label, String expected) throws Exception {
		this.mvc.perform(get("/api/results").param("job", job).param("label", label).with(VIEWER))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("label"))
			.andExpect(jsonPath("$.detail", containsString(expected)));
	}

	@ParameterizedTest
	@CsvSource({ "classify-feedback, topics:billing", "classify-feedback, summary:anything at all",
			"survey-themes, explains_score:false", "scores, stars:-3", "scores, weight:0.25", "scores, weight:1e-3" })
	void valuesTheFieldCanHaveAreFilteredOn(String job, String label) throws Exception {
		this.mvc.perform(get("/api/results").param("job", job).param("label", label).with(VIEWER))
			.andExpect(status().isOk());

		ArgumentCaptor<ResultFilter> filter = ArgumentCaptor.forClass(ResultFilter.class);
		verify(this.results).page(filter.capture(), eq(ResultOrder.NEWEST_FIRST), eq(0), eq(20));
		String value = label.substring(label.indexOf(':') + 1);
		assertThat(filter.getValue().label().field()).isEqualTo(label.substring(0, label.indexOf(':')));
		assertThat(String.valueOf(filter.getValue().label().value()))
			.isEqualTo(value.matches("[-0-9.e]+") ? new java.math.BigDecimal(value).toString() : value);
	}

	@Test
	void theExportChecksItsFiltersToo() throws Exception {
		this.mvc.perform(get("/api/results/export.csv").param("job", "classify-feedback")
			.param("label", "urgency:critical").with(VIEWER))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("Its labels: high, medium, low")));
		this.mvc.perform(get("/api/results/export.csv").param("from", "-999999999-01-01").with(VIEWER))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("from"));
		verify(this.results, never()).forEach(any(), any(), any());
	}

	@Test
	void datesOutsideYears1To9999Are400() throws Exception {
		this.mvc.perform(get("/api/results").param("from", "-999999999-01-01").with(VIEWER))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("from"))
			.andExpect(jsonPath("$.detail", containsString("years 1 to 9999")));
		this.mvc.perform(get("/api/results").param("to", "+275760-09-13T00:00:00Z").with(VIEWER))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("to"));
	}

	@Test
	void badFiltersAreRefusedNamingTheParameter() throws Exception {
		this.mvc.perform(get("/api/results").param("status", "great").with(VIEWER))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.parameter").value("status"));
		this.mvc.perform(get("/api/results").param("label", "sentiment:negative").with(VIEWER))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("needs job")));
		this.mvc.perform(get("/api/results").param("label", "negative").with(VIEWER))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("label"));
		this.mvc.perform(get("/api/results").param("job", "classify-feedback").param("label", "sentiment' OR 1=1 --:negative")
			.with(VIEWER))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("its fields: sentiment, topics")));
		this.mvc.perform(get("/api/results").param("job", "' OR 1=1 --").with(VIEWER))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("job"));
		this.mvc.perform(get("/api/results").param("to", "2001-13-45").with(VIEWER))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("to"));
		verify(this.results, never()).page(any(), any(), anyInt(), anyInt());
	}

	@Test
	void strangersGet401() throws Exception {
		this.mvc.perform(get("/api/results")).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/api/results/export.csv")).andExpect(status().isUnauthorized());
	}

}
