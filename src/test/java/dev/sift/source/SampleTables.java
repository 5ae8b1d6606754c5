package dev.sift.source;

import java.util.List;

import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import dev.sift.testing.TestDatabase;

/** Loads a shipped sample script into a schema of its own and reads it back, as a job on that table would. */
final class SampleTables {

	private SampleTables() {
	}

	static List<SourceRecord> loadAndRead(String schema, String script, PostgresSourceSettings settings) {
		TestDatabase.Connection connection = TestDatabase.connection();
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(connection.url(),
				connection.username(), connection.password(), true);
		try {
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
			jdbc.execute("CREATE SCHEMA " + schema);
			jdbc.execute("SET search_path TO " + schema);
			jdbc.execute((ConnectionCallback<Void>) session -> {
				ScriptUtils.executeSqlScript(session, new FileSystemResource(script));
				return null;
			});
			return SourceRecords.readAll(new PostgresSourceReader(jdbc, settings));
		}
		finally {
			dataSource.destroy();
		}
	}

}
