package dev.sift.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * A PostgreSQL session advisory lock on a job name, held on its own connection for as long as the job runs. The
 * database releases it when that connection ends, also when the process dies, so holding the lock proves that no
 * other live process is running the job.
 */
final class JobLock implements AutoCloseable {

	private final Connection connection;

	private final String jobName;

	private JobLock(Connection connection, String jobName) {
		this.connection = connection;
		this.jobName = jobName;
	}

	/** The lock, or {@code null} when another process holds it. */
	static JobLock tryAcquire(DataSource dataSource, String jobName) {
		try {
			Connection connection = dataSource.getConnection();
			try (PreparedStatement statement = connection
				.prepareStatement("SELECT pg_try_advisory_lock(hashtext('sift-job'), hashtext(?))")) {
				statement.setString(1, jobName);
				try (ResultSet result = statement.executeQuery()) {
					result.next();
					if (result.getBoolean(1)) {
						return new JobLock(connection, jobName);
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				// Without the lock nobody else closes this connection: a pool would lose it for good.
				closeAfterFailure(connection, ex);
				throw ex;
			}
			connection.close();
			return null;
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("Cannot take the lock of job " + jobName, ex);
		}
	}

	private static void closeAfterFailure(Connection connection, Exception failure) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			failure.addSuppressed(ex);
		}
	}

	@Override
	public void close() {
		try (Connection held = this.connection;
				PreparedStatement statement = held
					.prepareStatement("SELECT pg_advisory_unlock(hashtext('sift-job'), hashtext(?))")) {
			statement.setString(1, this.jobName);
			statement.execute();
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("Cannot release the lock of job " + this.jobName, ex);
		}
	}

}
