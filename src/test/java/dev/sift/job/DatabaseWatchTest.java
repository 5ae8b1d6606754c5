package dev.sift.job;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import dev.sift.testing.TestDatabase;

class DatabaseWatchTest {

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	private final AtomicBoolean down = new AtomicBoolean();

	private final DataSource database = new DelegatingDataSource(TestDatabase.dataSource()) {

		@Override
		public java.sql.Connection getConnection() throws SQLException {
			if (DatabaseWatchTest.this.down.get()) {
				throw new SQLTransientConnectionException("sift - Connection is not available, request timed out");
			}
			return super.getConnection();
		}

	};

	@AfterEach
	void stopScheduler() {
		this.scheduler.shutdown();
	}

	@Test
	void recordsGoOnWhileTheDatabaseAnswersAndStopOnceItIsGoneNamingTheRun() {
		this.scheduler.initialize();
		DatabaseWatch watch = new DatabaseWatch(this.database, this.scheduler);
		watch.beforeStep(processStep(17, "classify-feedback"));

		assertThatCode(watch::check).doesNotThrowAnyException();
		this.down.set(true);

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThatThrownBy(watch::check)
			.isInstanceOf(DatabaseLostException.class)
			.hasMessageStartingWith("Lost the database during run 17 of classify-feedback")
			.hasMessageContaining("Connection is not available")
			.hasMessageContaining("resumes after its last committed chunk"));
		watch.afterStep(processStep(17, "classify-feedback"));
	}

	@Test
	void aNewStepStartsWithTheDatabaseAnswering() {
		this.scheduler.initialize();
		DatabaseWatch watch = new DatabaseWatch(this.database, this.scheduler);
		watch.beforeStep(processStep(18, "survey-themes"));
		this.down.set(true);
		await().atMost(Duration.ofSeconds(20)).until(() -> failsCheck(watch));
		watch.afterStep(processStep(18, "survey-themes"));

		this.down.set(false);
		watch.beforeStep(processStep(19, "survey-themes"));

		assertThatCode(watch::check).doesNotThrowAnyException();
		watch.afterStep(processStep(19, "survey-themes"));
	}

	private static boolean failsCheck(DatabaseWatch watch) {
		try {
			watch.check();
			return false;
		}
		catch (DatabaseLostException ex) {
			return true;
		}
	}

	private static StepExecution processStep(long executionId, String job) {
		JobExecution execution = new JobExecution(executionId, new JobInstance(1L, job), new JobParameters());
		return new StepExecution(executionId, SpecJobs.PROCESS_STEP, execution);
	}

}
