package dev.sift.database;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The embedded PostgreSQL that Sift starts when no {@code spring.datasource.url} is configured.
 *
 * @param dataDirectory where the database files live; kept between runs so results and job history persist. Its lock
 * file lies beside it ({@code data/postgres.lock})
 * @param port TCP port on localhost; 0 picks a free one
 * @param ownerWait how long a Sift that finds the directory owned by another Sift waits for that one's server to
 * accept connections
 * @param durable whether every commit reaches the disk (fsync, synchronous_commit and full_page_writes on), so that
 * committed results survive a power cut or an operating system crash; off trades that for speed
 */
@ConfigurationProperties("sift.database.embedded")
@Validated
public record EmbeddedDatabaseProperties(@NotNull @DefaultValue("data/postgres") Path dataDirectory,
		@Min(0) @Max(65535) @DefaultValue("0") int port,
		@NotNull @DurationMin(seconds = 1) @DefaultValue("60s") Duration ownerWait,
		@DefaultValue("true") boolean durable) {
}
