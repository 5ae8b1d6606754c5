package dev.sift.run;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A PostgreSQL session advisory lock on a job name, held on its own connection for as long as the job runs. The
 * database releases it when that connection ends, also when the process dies, so holding the lock proves that no
 * other live process is running the job. While it holds the lock, the connection's {@code application_name} names
 * this process ({@code sift <pid>@<host>}), so that a process refused the lock can say which one holds it.
 */
final class JobLock implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(JobLock.class);

	/** PostgreSQL keeps the first 63 bytes of an application name. */
	private static final int MAX_APPLICATION_NAME = 63;

	/** How this process appears in {@code pg_stat_activity} while it holds a job's lock. */
	static final String APPLICATION_NAME = applicationName(ProcessHandle.current().pid(), hostName());

	/**
	 * The session holding the lock: an advisory lock on two int4 keys shows in {@code pg_locks} with the first key as
	 * {@code classid}, the second as {@code objid} and {@code objsubid} 2.
	 */
	private static final String HOLDER = """
			SELECT a.application_name, a.pid, host(a.client_addr) FROM pg_locks l
			JOIN pg_stat_activity a ON a.pid = l.pid
			WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
			    AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
			    AND l.classid = hashtext('sift-job')::oid AND l.objid = hashtext(?)::oid
			""";

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
						nameSession(connection, APPLICATION_NAME);
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

	/**
	 * Where the job runs, for a refusal: {@code in this process}, or {@code in another Sift process on this database}
	 * with the holder's application name (or its database session when it set none).
	 */
	static String holder(DataSource dataSource, String jobName) {
		List<String> holders = new JdbcTemplate(dataSource).query(HOLDER, (row, rowNumber) -> {
			String name = row.getString(1);
			if (APPLICATION_NAME.equals(name)) {
				return "in this process";
			}
			return "in another Sift process on this database (" + (name == null || name.isBlank()
					? "database session " + row.getInt(2) + " from " + (row.getString(3) == null ? "a local socket"
							: row.getString(3))
					: name) + ")";
		}, jobName);
		return holders.isEmpty() ? "in another Sift process on this database" : holders.get(0);
	}

	static String applicationName(long pid, String host) {
		String name = "sift " + pid + "@" + host;
		return name.length() <= MAX_APPLICATION_NAME ? name : name.substring(0, MAX_APPLICATION_NAME);
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown-host";
		}
	}

	private static void nameSession(Connection connection, String name) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT set_config('application_name', ?, false)")) {
			statement.setString(1, name);
			statement.execute();
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

	/**
	 * Releases the lock. When the database is gone, so is the session and with it the lock: nothing is left to
	 * release, and the run's own outcome (which says the database was lost) is what the caller must see.
	 */
	@Override
	public void close() {
		try (Connection held = this.connection) {
			try (PreparedStatement statement = held
				.prepareStatement("SELECT pg_advisory_unlock(hashtext('sift-job'), hashtext(?))")) {
				statement.setString(1, this.jobName);
				statement.execute();
				// The connection goes back to the pool, where it no longer speaks for a running job.
				try (PreparedStatement reset = held.prepareStatement("RESET application_name")) {
					reset.execute();
				}
			}
			catch (SQLException ex) {
				if (held.isValid(1)) {
					throw new DataAccessResourceFailureException("Cannot release the lock of job " + this.jobName, ex);
				}
				log.debug("The session holding the lock of {} is gone, and its lock with it", this.jobName, ex);
			}
		}
		catch (SQLException ex) {
			log.debug("Closing the lock connection of {} failed", this.jobName, ex);
		}
	}

}
