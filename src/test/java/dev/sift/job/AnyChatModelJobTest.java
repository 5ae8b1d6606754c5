package dev.sift.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import dev.sift.model.LlamaCppChatModel;
import dev.sift.run.JobRunner;
import dev.sift.testing.ScriptedChatModel;
import dev.sift.testing.ScriptedModelConfiguration;
import dev.sift.testing.SiftIntegrationTest;

/**
 * Sift without its llama.cpp adapter: the only chat model is another Spring AI implementation, with Spring AI's own
 * options (no seed, no slots, no model time). A job runs on it end to end, so jobs need nothing but Spring AI's
 * interfaces.
 */
@SiftIntegrationTest
@Import(ScriptedModelConfiguration.class)
@TestPropertySource(properties = "spring.autoconfigure.exclude=dev.sift.model.LlamaCppAutoConfiguration")
class AnyChatModelJobTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	JobRunner jobRunner;

	@Autowired
	SpecJobs jobs;

	@Autowired
	JdbcTemplate jdbc;

	@TempDir
	Path directory;

	@Test
	void aJobRunsEndToEndThroughAChatModelThatIsNotLlamaCpp() throws Exception {
		assertThat(this.context.getBeansOfType(LlamaCppChatModel.class)).isEmpty();
		assertThat(this.context.getBeansOfType(ChatModel.class).values())
			.singleElement()
			.isInstanceOf(ScriptedChatModel.class);
		Path input = Files.copy(Path.of("jobs/samples/survey_responses.csv"), this.directory.resolve("survey.csv"));
		JobRuns runs = new JobRuns(this.jobRunner, this.jobs, this.jdbc);

		JobExecution execution = runs.run("survey-themes", input.toString(), this.directory.resolve("out.csv"));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<Map<String, Object>> results = runs.results("survey-themes", input.toString());
		assertThat(results).hasSize(40);
		assertThat(results).filteredOn(row -> row.get("status").equals("ok")).hasSize(39);
		assertThat(results).allSatisfy(row -> assertThat(this.jdbc.queryForObject(
				"SELECT model_name FROM classification_result WHERE job_name = 'survey-themes' AND record_id = ? "
						+ "AND source = ?",
				String.class, row.get("record_id"), input.toRealPath().toString()))
			.isEqualTo(ScriptedChatModel.MODEL));
		try (CSVParser exported = CSVFormat.RFC4180.builder()
			.setHeader()
			.get()
			.parse(Files.newBufferedReader(this.directory.resolve("out.csv")))) {
			assertThat(exported.getRecords()).hasSize(40);
		}
	}

}
