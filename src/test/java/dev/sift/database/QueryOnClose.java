package dev.sift.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.beans.factory.DisposableBean;

/**
 * Uses the database while the application context destroys it, as a job that commits its last chunk on the way out
 * does, optionally after a pause that gives any other shutdown hook time to stop the server first.
 */
class QueryOnClose implements DisposableBean {

	private final DataSource dataSource;

	private final Duration pause;

	private volatile String answer;

	QueryOnClose(DataSource dataSource, Duration pause) {
		this.dataSource = dataSource;
		this.pause = pause;
	}

	/** {@code 42}, or why the query failed; {@code null} before the context closed. */
	String answer() {
		return this.answer;
	}

	@Override
	public void destroy() throws InterruptedException {
		Thread.sleep(this.pause.toMillis());
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT 6 * 7")) {
			result.next();
			this.answer = String.valueOf(result.getInt(1));
		}
		catch (SQLException ex) {
			this.answer = "failed: " + ex.getMessage();
		}
		System.out.println("answer at shutdown " + this.answer);
	}

}
