package dev.sift.database;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL that Sift starts when no {@code spring.datasource.url} is configured.
 *
 * @param dataDirectory where the database files live; kept between runs so results and job history persist
 * @param port TCP port on localhost; 0 picks a free one
 */
@ConfigurationProperties("sift.database.embedded")
public record EmbeddedDatabaseProperties(@DefaultValue("data/postgres") Path dataDirectory,
		@DefaultValue("0") int port) {
}
