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
 * Application contexts get the container as a {@code @ServiceConnection} ({@link TestcontainersDatabase}), the
 * embedded server as {@code spring.datasource.url} ({@link TestDatabaseInitializer}); tests without a context and
 * the JVMs they start use {@link #connection()}.
 */
public final class TestDatabase {

	private static Connection connection;

	private static PostgreSQLContainer container;

	private TestDatabase() {
	}

	public static synchronized Connection connection() {
		if (connection == null) {
			connection = dockerAvailable() ? startContainer() : startEmbedded();
			migrate(connection);
		}
		return connection;
	}

	/** The container of {@link #connection()}, or {@code null} when it is the embedded server (no Docker). */
	static synchronized PostgreSQLContainer container() {
		connection();
		return container;
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
		container = new SharedContainer();
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

	/**
	 * A container that outlives the application contexts it is a bean of: a context closes its container beans (when
	 * Spring's test context cache evicts it, say) while other contexts and tests still use this one. Testcontainers
	 * removes it when the test JVM ends.
	 */
	private static final class SharedContainer extends PostgreSQLContainer {

		SharedContainer() {
			super("postgres:17-alpine");
		}

		@Override
		public void stop() {
		}

	}

	/** How to reach the test database. */
	public record Connection(String url, String username, String password) {
	}

}
