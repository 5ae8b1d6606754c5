package dev.sift.testing;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@link TestDatabase} with Sift's migrations applied, for tests that use the database without a Spring context.
 * Each {@link #dataSource()} connection is a new database session, which advisory-lock tests rely on.
 */
public final class MigratedDatabase {

	private static DataSource dataSource;

	private MigratedDatabase() {
	}

	public static synchronized DataSource dataSource() {
		if (dataSource == null) {
			TestDatabase.Connection connection = TestDatabase.connection();
			// Idempotent: another test class may have migrated the shared database already.
			Flyway.configure()
				.dataSource(connection.url(), connection.username(), connection.password())
				.locations("classpath:db/migration")
				.load()
				.migrate();
			dataSource = new DriverManagerDataSource(connection.url(), connection.username(), connection.password());
		}
		return dataSource;
	}

}
