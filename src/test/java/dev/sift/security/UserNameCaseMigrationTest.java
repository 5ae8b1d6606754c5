package dev.sift.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sift.testing.TestDatabase;

/**
 * The migration that makes user names unique regardless of case, on a schema of its own in the test database: the
 * migrations before it, then users as an older Sift could leave them.
 */
class UserNameCaseMigrationTest {

	private static final MigrationVersion CASE_MIGRATION = MigrationVersion.fromVersion("9");

	private static final String HASH = "$2a$10$" + "x".repeat(53);

	private final DataSource dataSource = TestDatabase.dataSource();

	private final JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

	private final String schema = "case_migration_" + UUID.randomUUID().toString().replace("-", "");

	@AfterEach
	void dropSchema() {
		this.jdbc.execute("DROP SCHEMA IF EXISTS " + this.schema + " CASCADE");
	}

	@Test
	void namesDifferingOnlyInCaseStopTheMigrationNamingThemAndHowToFixIt() {
		migrateToTheVersionBefore(CASE_MIGRATION);
		insertUsers("admin", "Admin", "ops", "OPS", "maria");

		assertThatThrownBy(() -> migrateAll()).isInstanceOf(FlywayException.class)
			.hasMessageContaining("these differ only in case: 'Admin', 'admin'; 'OPS', 'ops'")
			.hasMessageContaining("Rename all but one of each")
			.satisfies(failure -> assertThat(failure.getMessage()).doesNotContain("'maria'"));
	}

	@Test
	void afterTheMigrationANameDifferingOnlyInCaseCannotBeStored() {
		migrateToTheVersionBefore(CASE_MIGRATION);
		insertUsers("admin", "maria");

		migrateAll();

		assertThatThrownBy(() -> insertUsers("ADMIN")).isInstanceOf(DuplicateKeyException.class);
		insertUsers("marius");
	}

	private void migrateToTheVersionBefore(MigrationVersion version) {
		MigrationVersion before = Arrays.stream(flyway().load().info().all())
			.map(MigrationInfo::getVersion)
			.filter(candidate -> candidate.compareTo(version) < 0)
			.max(MigrationVersion::compareTo)
			.orElseThrow();
		flyway().target(before).load().migrate();
	}

	private void migrateAll() {
		flyway().load().migrate();
	}

	private FluentConfiguration flyway() {
		return Flyway.configure().dataSource(this.dataSource).schemas(this.schema).locations("classpath:db/migration");
	}

	private void insertUsers(String... names) {
		for (String name : names) {
			this.jdbc.update("INSERT INTO " + this.schema + ".sift_user (username, password_hash, role) VALUES (?, ?, 'VIEWER')",
					name, HASH);
		}
	}

}
