package dev.sift.schedule;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sift.SiftApplication;
import dev.sift.definition.JobSpecs;
import dev.sift.testing.TestDatabase;
import dev.sift.testing.TestModels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Sift services on one database, both with the same nightly job and a clock standing two seconds before the
 * trigger three nights after today: the night runs once, a second start for it is refused, and the nights between
 * the database's installation (today) and the clock are reported as missed.
 */
class NightlySchedulerTest {

	private static final String JOB = "nightly-feedback";

	/** The night the clock stands before: three nights after the test database was installed. */
	private static final LocalDate NIGHT = LocalDate.now(ZoneOffset.UTC).plusDays(3);

	/** Two seconds before that night's trigger at 02:00 UTC. */
	private static final Instant NOW = NIGHT.atTime(1, 59, 58).toInstant(ZoneOffset.UTC);

	@TempDir
	static Path directory;

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	@BeforeAll
	static void startTwoServices() throws Exception {
		Path input = directory.resolve("feedback.csv");
		Files.writeString(input, """
				id,channel,product,text
				N-1,email,Classic Box,The box came late again
				N-2,chat,Veggie Box,Great recipes and fresh vegetables
				N-3,app,Hearth app,The app logs me out every day
				""", StandardCharsets.UTF_8);
		Path specs = Files.createDirectories(directory.resolve("jobs"));
		String spec = Files.readString(Path.of("jobs/classify-feedback.yml"), StandardCharsets.UTF_8)
			.replace("name: classify-feedback", "name: " + JOB)
			.replace("path: jobs/samples/feedback.csv", "path: " + input)
			.replace("  csv: data/results/classify-feedback.csv\n", "  csv: " + directory.resolve("out.csv") + "\n");
		Files.writeString(specs.resolve(JOB + ".yml"), spec, StandardCharsets.UTF_8);
		first = start(specs);
		second = start(specs);
	}

	@AfterAll
	static void stopServices() {
		if (first != null) {
			first.close();
		}
		if (second != null) {
			second.close();
		}
	}

	@Test
	void theNightRunsOnceAlthoughBothServicesTriggerIt() {
		JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.dataSource());

		await().atMost(Duration.ofMinutes(2)).until(() -> completedRuns(jdbc) == 1);

		assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_instance WHERE job_name = ?", Long.class,
				JOB))
			.as("one job instance for the night")
			.isEqualTo(1);
		assertThat(jdbc.queryForList("""
				SELECT p.parameter_value FROM batch_job_execution_params p
				JOIN batch_job_execution e ON e.job_execution_id = p.job_execution_id
				JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
				WHERE i.job_name = ? AND p.parameter_name = 'run-date'
				""", String.class, JOB)).containsOnly(NIGHT.toString());
		assertThat(jdbc.queryForObject("SELECT count(*) FROM classification_result WHERE job_name = ?", Long.class,
				JOB))
			.isEqualTo(3);
	}

	@Test
	void aSecondStartForTheSameNightIsRefusedOnceItCompleted() {
		JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.dataSource());
		await().atMost(Duration.ofMinutes(2)).until(() -> completedRuns(jdbc) == 1);
		NightlyScheduler scheduler = second.getBean(NightlyScheduler.class);

		assertThat(scheduler.fire(second.getBean(JobSpecs.class).get(JOB), NIGHT.atTime(2, 0).atZone(ZoneOffset.UTC)))
			.isNull();
		assertThat(completedRuns(jdbc)).isEqualTo(1);
	}

	@Test
	void nightsSinceInstallationWithoutARunAreReportedAsMissedButNoneBefore() {
		List<LocalDate> missed = first.getBean(NightlyScheduler.class)
			.missedRuns()
			.stream()
			.filter(run -> run.jobName().equals(JOB))
			.map(run -> run.triggerTime().withZoneSameInstant(ZoneOffset.UTC).toLocalDate())
			.toList();

		assertThat(missed).endsWith(NIGHT.minusDays(2), NIGHT.minusDays(1));
		assertThat(missed).allSatisfy(night -> assertThat(night).isAfterOrEqualTo(NIGHT.minusDays(3)));
	}

	private static long completedRuns(JdbcTemplate jdbc) {
		return jdbc.queryForObject("""
				SELECT count(*) FROM batch_job_execution e JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
				WHERE i.job_name = ? AND e.status = 'COMPLETED'
				""", Long.class, JOB);
	}

	private static ConfigurableApplicationContext start(Path specs) {
		TestDatabase.Connection database = TestDatabase.connection();
		Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
		return new SpringApplicationBuilder(SiftApplication.class).web(WebApplicationType.SERVLET)
			.initializers(context -> ((BeanDefinitionRegistry) context).registerBeanDefinition("testClock",
					BeanDefinitionBuilder.genericBeanDefinition(Clock.class, () -> clock)
						.setPrimary(true)
						.getBeanDefinition()))
			.run("--server.port=0", "--sift.command-line.enabled=false", "--sift.jobs.dir=" + specs,
					"--sift.model.path=" + TestModels.tiny(), "--spring.datasource.url=" + database.url(),
					"--spring.datasource.username=" + database.username(),
					"--spring.datasource.password=" + database.password());
	}

}
