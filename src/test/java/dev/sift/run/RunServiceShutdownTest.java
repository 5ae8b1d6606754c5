package dev.sift.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sift.SiftApplication;
import dev.sift.job.RunOptions;
import dev.sift.testing.FeedbackFiles;
import dev.sift.testing.GatedChatModel;
import dev.sift.testing.SampleReplies;
import dev.sift.testing.ScriptedChatModel;
import dev.sift.testing.TestDatabase;
import dev.sift.testing.TestModels;

/**
 * A stop signal while a run is in the middle of a chunk: the application waits for the chunk, the run ends STOPPED
 * with whole chunks stored, and a restart in a new process finishes it with every record stored once. Also a run
 * left in a state Spring Batch refuses to restart (a step still STARTED under a STOPPED run, or UNKNOWN after a lost
 * database) is restarted without any hand edit. The model holds its requests until the test lets them go, so the
 * test knows where the run is.
 */
class RunServiceShutdownTest {

	private static final int RECORDS = 48;

	private static final int CHUNK = 4;

	@TempDir
	Path directory;

	@Test
	void aRunStoppedByShutdownMidChunkFinishesTheChunkEndsStoppedAndARestartCompletesIt() throws Exception {
		Path input = FeedbackFiles.write(this.directory.resolve("shutdown.csv"), RECORDS);
		JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.dataSource());
		ConfigurableApplicationContext first = start();
		GatedChatModel gate = first.getBean(GatedChatModel.class);
		long executionId;
		long storedWhileHeld;
		try {
			// Enough for the first chunk even if each of its records is asked twice.
			gate.allow(2 * CHUNK);
			executionId = first.getBean(RunService.class)
				.start("classify-feedback", input.toString(), RunOptions.DEFAULTS)
				.getId();
			await().atMost(Duration.ofMinutes(1)).until(() -> gate.isHolding() && stored(jdbc, input) >= CHUNK);
			storedWhileHeld = stored(jdbc, input);

			CompletableFuture<Void> closed = CompletableFuture.runAsync(first::close);
			await().atMost(Duration.ofMinutes(1)).until(() -> status(jdbc, executionId).equals("STOPPING"));
			assertThat(closed).as("the application waits for the run's chunk").isNotDone();
			gate.open();
			closed.get();
		}
		finally {
			gate.open();
			first.close();
		}

		assertThat(status(jdbc, executionId)).isEqualTo("STOPPED");
		assertThat(stepStatus(jdbc, executionId)).isEqualTo("STOPPED");
		assertThat(stored(jdbc, input)).as("the chunk in flight, committed, and no more")
			.isEqualTo(storedWhileHeld + CHUNK)
			.isLessThan(RECORDS);

		assertRestartCompletes(executionId, input, jdbc);
	}

	@Test
	void aRunLeftStoppedWithItsStepStartedIsRestartedWithoutAHandEdit() throws Exception {
		assertLeftOverRunIsRestarted("STOPPED", "STARTED");
	}

	@Test
	void aRunLeftUnknownAfterALostDatabaseIsRestartedWithoutAHandEdit() throws Exception {
		assertLeftOverRunIsRestarted("UNKNOWN", "UNKNOWN");
	}

	/** Spring's test framework pauses cached contexts (stops their lifecycle beans) and starts them again. */
	@Test
	void aServiceStoppedAndStartedAgainStillRunsJobs() throws Exception {
		Path input = FeedbackFiles.write(this.directory.resolve("again.csv"), 3);
		ConfigurableApplicationContext context = start();
		try {
			context.getBean(GatedChatModel.class).open();
			context.stop();
			context.start();
			RunService runs = context.getBean(RunService.class);

			long executionId = runs.start("classify-feedback", input.toString(), RunOptions.DEFAULTS).getId();

			await().atMost(Duration.ofMinutes(1))
				.until(() -> runs.find(executionId).getStatus() == BatchStatus.COMPLETED);
		}
		finally {
			context.close();
		}
	}

	/** A run stopped after its first chunk, then put in the state a process that died mid-way leaves behind. */
	private void assertLeftOverRunIsRestarted(String jobStatus, String stepStatus) throws Exception {
		Path input = FeedbackFiles.write(this.directory.resolve("left-over-" + jobStatus + ".csv"), 12);
		JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.dataSource());
		long executionId;
		ConfigurableApplicationContext first = start();
		try {
			GatedChatModel gate = first.getBean(GatedChatModel.class);
			gate.allow(2 * CHUNK);
			RunService runs = first.getBean(RunService.class);
			executionId = runs.start("classify-feedback", input.toString(), RunOptions.DEFAULTS).getId();
			await().atMost(Duration.ofMinutes(1)).until(gate::isHolding);
			runs.stop(executionId);
			gate.open();
			await().atMost(Duration.ofMinutes(1)).until(() -> !runs.find(executionId).getStatus().isRunning());
		}
		finally {
			first.getBean(GatedChatModel.class).open();
			first.close();
		}
		jdbc.update("UPDATE batch_job_execution SET status = ?, end_time = NULL WHERE job_execution_id = ?",
				jobStatus, executionId);
		jdbc.update("UPDATE batch_step_execution SET status = ?, end_time = NULL WHERE job_execution_id = ? "
				+ "AND step_name = 'process'", stepStatus, executionId);

		assertRestartCompletes(executionId, input, jdbc);
	}

	private void assertRestartCompletes(long executionId, Path input, JdbcTemplate jdbc) {
		ConfigurableApplicationContext second = start();
		try {
			second.getBean(GatedChatModel.class).open();
			RunService runs = second.getBean(RunService.class);
			JobExecution restarted = runs.restart(executionId);
			await().atMost(Duration.ofMinutes(2))
				.until(() -> !runs.find(restarted.getId()).getStatus().isRunning());
			assertThat(runs.find(restarted.getId()).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		}
		finally {
			second.close();
		}
		long records = jdbc.queryForObject("SELECT count(*) FROM classification_result WHERE source = ?", Long.class,
				source(input));
		assertThat(records).as("every record stored").isEqualTo(lines(input));
		assertThat(jdbc.queryForObject("SELECT count(DISTINCT record_id) FROM classification_result WHERE source = ?",
				Long.class, source(input)))
			.as("each once")
			.isEqualTo(records);
	}

	private static long lines(Path input) {
		try {
			return Files.readAllLines(input).size() - 1;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String source(Path input) {
		try {
			return input.toRealPath().toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private ConfigurableApplicationContext start() {
		TestDatabase.Connection database = TestDatabase.connection();
		return new SpringApplicationBuilder(SiftApplication.class, GatedModel.class).web(WebApplicationType.NONE)
			.run("--sift.command-line.enabled=false", "--sift.run.chunk-size=" + CHUNK,
					"--sift.service.input-dirs=" + this.directory, "--sift.model.path=" + TestModels.tiny(),
					"--spring.datasource.url=" + database.url(),
					"--spring.datasource.username=" + database.username(),
					"--spring.datasource.password=" + database.password());
	}

	private static long stored(JdbcTemplate jdbc, Path input) {
		return jdbc.queryForObject("SELECT count(*) FROM classification_result WHERE source = ?", Long.class,
				source(input));
	}

	private static String status(JdbcTemplate jdbc, long executionId) {
		return jdbc.queryForObject("SELECT status FROM batch_job_execution WHERE job_execution_id = ?", String.class,
				executionId);
	}

	private static String stepStatus(JdbcTemplate jdbc, long executionId) {
		return jdbc.queryForObject(
				"SELECT status FROM batch_step_execution WHERE job_execution_id = ? AND step_name = 'process'",
				String.class, executionId);
	}

	/** The scripted model behind a gate, in front of the tiny llama.cpp model the application also loads. */
	@Configuration(proxyBeanMethods = false)
	static class GatedModel {

		@Bean
		@Primary
		GatedChatModel gatedChatModel() {
			return new GatedChatModel(new ScriptedChatModel(SampleReplies::reply));
		}

	}

}
