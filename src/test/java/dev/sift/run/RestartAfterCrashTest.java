package dev.sift.run;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.sift.SiftApplication;
import dev.sift.testing.FeedbackFiles;
import dev.sift.testing.TestDatabase;
import dev.sift.testing.TestModels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kills a real Sift process in the middle of a run (SIGKILL: no shutdown hook, no rollback handling of its own) and
 * checks that the next run resumes after the last committed chunk and leaves every record stored exactly once.
 */
class RestartAfterCrashTest {

	private static final int RECORDS = 32;

	private static final int CHUNK_SIZE = 4;

	@TempDir
	Path workDirectory;

	@Test
	void runKilledMidwayIsResumedWithNoRecordLostOrDuplicated() throws Exception {
		Path input = FeedbackFiles.write(this.workDirectory.resolve("crash.csv"), RECORDS);
		JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.dataSource());

		Process first = startSift(input, "first.log");
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> !first.isAlive() || storedResults(jdbc, input) >= 2 * CHUNK_SIZE);
		assertThat(first.isAlive()).as("the first run must still be running when it is killed").isTrue();
		first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		long storedBeforeCrash = storedResults(jdbc, input);
		assertThat(storedBeforeCrash).isLessThan(RECORDS);

		Process second = startSift(input, "second.log");
		assertThat(second.waitFor(5, TimeUnit.MINUTES)).isTrue();
		assertThat(second.exitValue()).as("exit code of the resumed run, see %s", this.workDirectory).isZero();

		assertThat(storedResults(jdbc, input)).isEqualTo(RECORDS);
		assertThat(jdbc.queryForObject(
				"SELECT count(DISTINCT record_id) FROM classification_result WHERE source = ?", Long.class,
				input.toString()))
			.isEqualTo(RECORDS);
		List<Map<String, Object>> executions = executionsOf(jdbc, input);
		assertThat(executions).extracting(row -> row.get("status")).containsExactly("FAILED", "COMPLETED");
		assertThat(executions).extracting(row -> row.get("job_instance_id")).containsOnly(executions.get(0).get("job_instance_id"));
		long readByFirst = ((Number) executions.get(0).get("read_count")).longValue();
		long readBySecond = ((Number) executions.get(1).get("read_count")).longValue();
		assertThat(readByFirst).as("reads committed before the crash").isEqualTo(storedBeforeCrash);
		assertThat(readByFirst + readBySecond).isEqualTo(RECORDS);
	}

	private Process startSift(Path input, String logName) throws IOException {
		TestDatabase.Connection database = TestDatabase.connection();
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath(),
				SiftApplication.class.getName(), "run", "classify-feedback", "input=" + input,
				"--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password(), "--sift.model.path=" + TestModels.tiny(),
				"--sift.jobs.dir=" + FeedbackFiles.specWritingTo(this.workDirectory.resolve("jobs"), null),
				"--sift.run.chunk-size=" + CHUNK_SIZE, "--sift.model.parallel=2", "--sift.model.slot-context=2048"));
		File log = this.workDirectory.resolve(logName).toFile();
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
	}

	private static String classPath() {
		return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
	}

	private static long storedResults(JdbcTemplate jdbc, Path input) {
		return jdbc.queryForObject("SELECT count(*) FROM classification_result WHERE source = ?", Long.class,
				input.toString());
	}

	private static List<Map<String, Object>> executionsOf(JdbcTemplate jdbc, Path input) {
		return jdbc.queryForList("""
				SELECT e.job_execution_id, e.job_instance_id, e.status, s.read_count
				FROM batch_job_execution e
				JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id
				JOIN batch_step_execution s ON s.job_execution_id = e.job_execution_id AND s.step_name = 'process'
				WHERE p.parameter_name = 'input' AND p.parameter_value = ?
				ORDER BY e.job_execution_id
				""", input.toString());
	}

}
