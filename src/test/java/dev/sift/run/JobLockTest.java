package dev.sift.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import dev.sift.testing.TestDatabase;

/** Against the shared test database; every test locks its own job name. */
class JobLockTest {

	private final DataSource dataSource = TestDatabase.dataSource();

	@Test
	void secondAcquireOfTheSameJobIsRefusedWhileTheFirstIsHeld() {
		try (JobLock first = JobLock.tryAcquire(this.dataSource, "lock-test-held")) {
			assertThat(first).isNotNull();

			assertThat(JobLock.tryAcquire(this.dataSource, "lock-test-held")).isNull();
		}
	}

	@Test
	void lockCanBeTakenAgainAfterClose() {
		JobLock first = JobLock.tryAcquire(this.dataSource, "lock-test-reacquire");
		assertThat(first).isNotNull();
		first.close();

		try (JobLock second = JobLock.tryAcquire(this.dataSource, "lock-test-reacquire")) {
			assertThat(second).isNotNull();
		}
	}

	@Test
	void differentJobNamesDoNotBlockEachOther() {
		try (JobLock one = JobLock.tryAcquire(this.dataSource, "lock-test-one");
				JobLock other = JobLock.tryAcquire(this.dataSource, "lock-test-other")) {
			assertThat(one).isNotNull();
			assertThat(other).isNotNull();
		}
	}

	@Test
	void heldLockKeepsItsConnectionOpenAndCloseReleasesIt() throws SQLException {
		RecordingDataSource recording = new RecordingDataSource(this.dataSource);

		JobLock lock = JobLock.tryAcquire(recording, "lock-test-connection");
		assertThat(recording.connections.get(0).isClosed()).isFalse();
		lock.close();

		assertThat(recording.connections.get(0).isClosed()).isTrue();
	}

	@Test
	void refusedAcquireClosesItsConnection() throws SQLException {
		RecordingDataSource recording = new RecordingDataSource(this.dataSource);
		try (JobLock held = JobLock.tryAcquire(this.dataSource, "lock-test-refused")) {

			assertThat(JobLock.tryAcquire(recording, "lock-test-refused")).isNull();

			assertThat(recording.connections.get(0).isClosed()).isTrue();
		}
	}

	@Test
	void lockEndsWithItsDatabaseSessionAsWhenTheProcessDies() throws SQLException {
		RecordingDataSource recording = new RecordingDataSource(this.dataSource);
		JobLock orphan = JobLock.tryAcquire(recording, "lock-test-session-end");
		assertThat(orphan).isNotNull();

		// End the session without unlocking, as a killed process would.
		recording.connections.get(0).close();

		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			try (JobLock next = JobLock.tryAcquire(this.dataSource, "lock-test-session-end")) {
				assertThat(next).isNotNull();
			}
		});
	}

	@Test
	void failedAcquireClosesItsConnection() throws SQLException {
		Connection connection = mock(Connection.class);
		when(connection.prepareStatement(anyString())).thenThrow(new SQLException("connection reset"));
		DataSource failing = mock(DataSource.class);
		when(failing.getConnection()).thenReturn(connection);

		assertThatThrownBy(() -> JobLock.tryAcquire(failing, "lock-test-failure"))
			.isInstanceOf(DataAccessResourceFailureException.class)
			.hasMessageContaining("lock-test-failure")
			.hasRootCauseMessage("connection reset");
		verify(connection).close();
	}

	@Test
	void whileHeldItsSessionNamesThisProcessAndARefusalSaysItRunsHere() {
		try (JobLock held = JobLock.tryAcquire(this.dataSource, "lock-test-here")) {
			assertThat(JobLock.APPLICATION_NAME).startsWith("sift " + ProcessHandle.current().pid() + "@");

			assertThat(JobLock.holder(this.dataSource, "lock-test-here")).isEqualTo("in this process");
		}
	}

	@Test
	void refusalNamesTheOtherSiftProcessThatHoldsTheLock() throws SQLException {
		try (Connection other = otherProcess("sift 4711@host-b", "lock-test-elsewhere")) {
			assertThat(JobLock.tryAcquire(this.dataSource, "lock-test-elsewhere")).isNull();

			assertThat(JobLock.holder(this.dataSource, "lock-test-elsewhere"))
				.isEqualTo("in another Sift process on this database (sift 4711@host-b)");
		}
	}

	@Test
	void aHolderThatGaveNoNameIsNamedByItsDatabaseSession() throws SQLException {
		try (Connection other = otherProcess("", "lock-test-unnamed")) {
			int pid = backendPid(other);

			assertThat(JobLock.holder(this.dataSource, "lock-test-unnamed"))
				.startsWith("in another Sift process on this database (database session " + pid + " from ");
		}
	}

	@Test
	void applicationNamesFitPostgresLimit() {
		assertThat(JobLock.applicationName(4711, "h".repeat(200))).hasSize(63).startsWith("sift 4711@hhh");
	}

	/** A session that holds a job's lock as another process would, under the application name given. */
	private Connection otherProcess(String applicationName, String jobName) throws SQLException {
		Connection connection = this.dataSource.getConnection();
		try (var statement = connection.prepareStatement(
				"SELECT set_config('application_name', ?, false), pg_advisory_lock(hashtext('sift-job'), hashtext(?))")) {
			statement.setString(1, applicationName);
			statement.setString(2, jobName);
			statement.execute();
		}
		return connection;
	}

	private static int backendPid(Connection connection) throws SQLException {
		try (var statement = connection.createStatement(); var result = statement.executeQuery("SELECT pg_backend_pid()")) {
			result.next();
			return result.getInt(1);
		}
	}

	/** Hands out real connections and remembers them, so a test can look at or end the lock's session. */
	private static final class RecordingDataSource extends DelegatingDataSource {

		private final List<Connection> connections = new ArrayList<>();

		RecordingDataSource(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			Connection connection = super.getConnection();
			this.connections.add(connection);
			return connection;
		}

	}

}
