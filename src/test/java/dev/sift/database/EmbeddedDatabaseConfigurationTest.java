package dev.sift.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.sift.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The embedded database as the application gets it: Spring Boot's pool, configured from Sift's
 * {@code application.yml} and the {@code spring.datasource.hikari.*} properties, on the embedded server or on an
 * external one.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDatabaseConfigurationTest {

	/** What "fails within seconds" allows for each access to a lost database; Hikari's own default is 30 s. */
	private static final long FAIL_FAST_MILLIS = 5_000;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withInitializer(new ConfigDataApplicationContextInitializer())
		.withConfiguration(AutoConfigurations.of(EmbeddedDatabaseConfiguration.class, DataSourceAutoConfiguration.class));

	@TempDir
	Path directory;

	@Test
	void poolOnTheEmbeddedServerTakesTheHikariProperties() {
		this.contextRunner
			.withPropertyValues("sift.database.embedded.data-directory=" + this.directory.resolve("postgres"),
					"spring.datasource.hikari.maximum-pool-size=3")
			.run(context -> {
				HikariDataSource pool = context.getBean(HikariDataSource.class);
				assertThat(pool.getMaximumPoolSize()).isEqualTo(3);
				assertThat(pool.getConnectionTimeout()).isLessThanOrEqualTo(FAIL_FAST_MILLIS);
				assertThat(pool.getJdbcUrl()).startsWith(
						"jdbc:postgresql://localhost:" + context.getBean(EmbeddedServer.class).port() + "/");
				try (Connection connection = pool.getConnection()) {
					assertThat(connection.isValid(5)).isTrue();
				}
			});
	}

	@Test
	void externalDatabaseGetsTheSameFailFastPoolAndNoEmbeddedServer() {
		TestDatabase.Connection external = TestDatabase.connection();
		this.contextRunner
			.withPropertyValues("spring.datasource.url=" + external.url(),
					"spring.datasource.username=" + external.username(),
					"spring.datasource.password=" + external.password())
			.run(context -> {
				assertThat(context).doesNotHaveBean(EmbeddedServer.class);
				HikariDataSource pool = context.getBean(HikariDataSource.class);
				assertThat(pool.getJdbcUrl()).isEqualTo(external.url());
				assertThat(pool.getConnectionTimeout()).isLessThanOrEqualTo(FAIL_FAST_MILLIS);
			});
	}

	/**
	 * How Spring Boot's Docker Compose support and a Testcontainers {@code @ServiceConnection} hand over a database:
	 * as connection details, with no {@code spring.datasource.url}.
	 */
	@Test
	void databaseBootFoundElsewhereIsUsedInsteadOfStartingTheEmbeddedServer() {
		this.contextRunner.withUserConfiguration(FoundConnectionDetails.class)
			.withPropertyValues("sift.database.embedded.data-directory=" + this.directory.resolve("postgres"))
			.run(context -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedServer.class);
				assertThat(context.getBean(HikariDataSource.class).getJdbcUrl())
					.isEqualTo(TestDatabase.connection().url());
			});
		assertThat(this.directory.resolve("postgres")).as("no embedded server was initialised").doesNotExist();
	}

	@Test
	void lostServerIsReportedAndConnectionsFailAfterTheShortTimeout(CapturedOutput output) {
		Path data = this.directory.resolve("postgres");
		this.contextRunner.withPropertyValues("sift.database.embedded.data-directory=" + data).run(context -> {
			HikariDataSource pool = context.getBean(HikariDataSource.class);
			try (Connection connection = pool.getConnection()) {
				assertThat(connection.isValid(5)).isTrue();
			}

			TestServers.killServer(Postmaster.of(data).orElseThrow());

			await().atMost(Duration.ofSeconds(30))
				.until(() -> output.getAll().contains("stopped while Sift was using it"));
			assertThat(output.getAll()).contains("Start the same run again to resume it after its last committed chunk");
			assertThatExceptionOfType(SQLTransientConnectionException.class).isThrownBy(pool::getConnection)
				.withMessageContaining("request timed out after");
			assertThat(pool.getConnectionTimeout()).isLessThanOrEqualTo(FAIL_FAST_MILLIS);
		});
	}

	@Test
	void beansThatUseTheDatabaseCanStillUseItWhileTheContextCloses() {
		AtomicReference<QueryOnClose> queryOnClose = new AtomicReference<>();
		this.contextRunner
			.withPropertyValues("sift.database.embedded.data-directory=" + this.directory.resolve("postgres"))
			.withUserConfiguration(QueryOnCloseConfiguration.class)
			.run(context -> queryOnClose.set(context.getBean(QueryOnClose.class)));

		assertThat(queryOnClose.get().answer()).isEqualTo("42");
	}

	@Test
	void portOutsideTheTcpRangeIsRefusedAtStartUp() {
		this.contextRunner
			.withPropertyValues("sift.database.embedded.data-directory=" + this.directory.resolve("postgres"),
					"sift.database.embedded.port=70000")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("sift.database.embedded.port")
				.hasMessageContaining("rejected value [70000]"));
	}

	@Test
	void ownerWaitShorterThanASecondIsRefusedAtStartUp() {
		this.contextRunner
			.withPropertyValues("sift.database.embedded.data-directory=" + this.directory.resolve("postgres"),
					"sift.database.embedded.owner-wait=0s")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("sift.database.embedded.owner-wait")
				.hasMessageContaining("rejected value [PT0S]"));
	}

	@Configuration(proxyBeanMethods = false)
	static class QueryOnCloseConfiguration {

		@Bean
		QueryOnClose queryOnClose(DataSource dataSource) {
			return new QueryOnClose(dataSource, Duration.ZERO);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FoundConnectionDetails {

		@Bean
		JdbcConnectionDetails foundConnectionDetails() {
			TestDatabase.Connection found = TestDatabase.connection();
			return new JdbcConnectionDetails() {

				@Override
				public String getJdbcUrl() {
					return found.url();
				}

				@Override
				public String getUsername() {
					return found.username();
				}

				@Override
				public String getPassword() {
					return found.password();
				}

			};
		}

	}

}
