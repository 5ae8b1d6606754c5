package dev.sift.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** What the tests of this package do with embedded servers. */
final class TestServers {

	private TestServers() {
	}

	static EmbeddedDatabaseProperties properties(Path dataDirectory) {
		return new EmbeddedDatabaseProperties(dataDirectory, 0, Duration.ofSeconds(60), true);
	}

	/** A new session on the server answers a query: the server is there and usable. */
	static int answer(EmbeddedServer server) throws SQLException {
		return answer(server.jdbcUrl());
	}

	static int answer(String jdbcUrl) throws SQLException {
		try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT 6 * 7")) {
			result.next();
			return result.getInt(1);
		}
	}

	static String setting(EmbeddedServer server, String name) throws SQLException {
		try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), "postgres", "");
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SHOW " + name)) {
			result.next();
			return result.getString(1);
		}
	}

	/** Kills the server the hard way, every process of it, as an out-of-memory killer or a crash would. */
	static void killServer(Postmaster postmaster) throws InterruptedException {
		postmaster.process().descendants().forEach(ProcessHandle::destroyForcibly);
		postmaster.process().destroyForcibly();
		if (!postmaster.awaitExit(Duration.ofSeconds(30))) {
			throw new AssertionError("PostgreSQL (pid " + postmaster.pid() + ") survived SIGKILL");
		}
	}

}
