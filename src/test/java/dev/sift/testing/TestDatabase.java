package dev.sift.testing;

import java.io.IOException;
import java.io.UncheckedIOException;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The one PostgreSQL every test uses: a Testcontainers server where a Docker engine is reachable, an embedded real
 * server otherwise, with Sift's schema applied. Started once per test JVM and shared, so tests keep their data apart by source name.
 */
public final class TestDatabase {

	private static Connection connection;

	private TestDatabase() {
	}

	public static synchronized Connection connection() {
		if (connection == null) {
			connection = dockerAvailable() ? startContainer() : startEmbedded();
			migrate(connection);
		}
		return connection;
	}

	/**
	 * A data source for tests that use the database without a Spring context. Each connection is a new database
	 * session, which advisory-lock tests rely on.
	 */
	public static DataSource dataSource() {
		Connection connection = connection();
		return new DriverManagerDataSource(connection.url(), connection.username(), connection.password());
	}

	/** The schema Sift itself applies at start-up, so tests can query before any application context ran. */
	private static void migrate(Connection connection) {
		Flyway.configure()
			.dataSource(connection.url(), connection.username(), connection.password())
			.locations("classpath:db/migration")
			.load()
			.migrate();
	}

	/** Whether a Docker engine answers, so that tests use Testcontainers (and must not start anything else there). */
	public static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static Connection startContainer() {
		PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
		container.start();
		return new Connection(container.getJdbcUrl(), container.getUsername(), container.getPassword());
	}

	private static Connection startEmbedded() {
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
			return new Connection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the embedded PostgreSQL for tests", ex);
		}
	}

	/** How to reach the test database. */
	public record Connection(String url, String username, String password) {
	}

}
