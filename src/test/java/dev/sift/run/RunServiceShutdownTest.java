package dev.sift.run;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sift.SiftApplication;
import dev.sift.job.RunOptions;
import dev.sift.testing.TestDatabase;
import dev.sift.testing.TestModels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stop signal while a run is under way: the run commits its chunk and ends STOPPED, and a restart in a new
 * process finishes it with every record stored once.
 */
class RunServiceShutdownTest {

	private static final int RECORDS = 48;

	@TempDir
	Path directory;

	@Test
	void aRunStoppedByShutdownEndsStoppedAndARestartFinishesItWithoutDuplicates() throws Exception {
		Path input = FeedbackFiles.write(this.directory.resolve("shutdown.csv"), RECORDS);
		Path specs = FeedbackFiles.specWritingTo(this.directory.resolve("jobs"), null);
		JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.dataSource());

		ConfigurableApplicationContext first = start(specs, this.directory);
		long executionId = first.getBean(RunService.class)
			.start("classify-feedback", input.toString(), RunOptions.DEFAULTS)
			.getId();
		await().atMost(Duration.ofMinutes(2)).until(() -> stored(jdbc, input) >= 8);
		first.close();

		assertThat(status(jdbc, executionId)).isEqualTo("STOPPED");
		long storedAtShutdown = stored(jdbc, input);
		assertThat(storedAtShutdown).isLessThan(RECORDS);

		ConfigurableApplicationContext second = start(specs, this.directory);
		try {
			RunService runs = second.getBean(RunService.class);
			JobExecution restarted = runs.restart(executionId);
			await().atMost(Duration.ofMinutes(3))
				.until(() -> runs.find(restarted.getId()).getStatus() == BatchStatus.COMPLETED);
		}
		finally {
			second.close();
		}
		assertThat(stored(jdbc, input)).isEqualTo(RECORDS);
		assertThat(jdbc.queryForObject(
				"SELECT count(DISTINCT record_id) FROM classification_result WHERE source = ?", Long.class,
				input.toString()))
			.isEqualTo(RECORDS);
	}

	/** Spring's test framework pauses cached contexts (stops their lifecycle beans) and starts them again. */
	@Test
	void aServiceStoppedAndStartedAgainStillRunsJobs() throws Exception {
		Path input = FeedbackFiles.write(this.directory.resolve("again.csv"), 3);
		ConfigurableApplicationContext context = start(FeedbackFiles.specWritingTo(this.directory.resolve("jobs"), null),
				this.directory);
		try {
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

	private static ConfigurableApplicationContext start(Path specs, Path inputs) {
		TestDatabase.Connection database = TestDatabase.connection();
		return new SpringApplicationBuilder(SiftApplication.class).web(WebApplicationType.NONE)
			.run("--sift.command-line.enabled=false", "--sift.jobs.dir=" + specs, "--sift.run.chunk-size=4",
					"--sift.service.input-dirs=" + inputs,
					"--sift.model.path=" + TestModels.tiny(), "--spring.datasource.url=" + database.url(),
					"--spring.datasource.username=" + database.username(),
					"--spring.datasource.password=" + database.password());
	}

	private static long stored(JdbcTemplate jdbc, Path input) {
		return jdbc.queryForObject("SELECT count(*) FROM classification_result WHERE source = ?", Long.class,
				input.toString());
	}

	private static String status(JdbcTemplate jdbc, long executionId) {
		return jdbc.queryForObject("SELECT status FROM batch_job_execution WHERE job_execution_id = ?", String.class,
				executionId);
	}

}
