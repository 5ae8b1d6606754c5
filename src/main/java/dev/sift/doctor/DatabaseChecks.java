package dev.sift.doctor;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.sift.database.EmbeddedDatabaseProperties;

/**
 * The database's rows of {@code doctor}: whether it answers, and whether a commit reaches the disk (the settings
 * that decide whether committed results survive a power cut).
 */
@Component
class DatabaseChecks {

	private static final List<String> DURABILITY = List.of("fsync", "synchronous_commit", "full_page_writes");

	private final JdbcTemplate jdbc;

	private final ObjectProvider<EmbeddedDatabaseProperties> embedded;

	DatabaseChecks(JdbcTemplate jdbc, ObjectProvider<EmbeddedDatabaseProperties> embedded) {
		this.jdbc = jdbc;
		this.embedded = embedded;
	}

	List<Finding> check() {
		List<Finding> findings = new ArrayList<>();
		String version;
		try {
			version = this.jdbc.queryForObject("SELECT current_setting('server_version')", String.class);
		}
		catch (DataAccessException ex) {
			findings.add(Finding.fail("database", "does not answer: " + ex.getMostSpecificCause().getMessage(),
					"start the server or fix spring.datasource.url, .username and .password"));
			return findings;
		}
		String where = this.jdbc.execute((Connection connection) -> connection.getMetaData().getURL());
		findings.add(Finding.pass("database", "PostgreSQL " + version + " at " + where
				+ (this.embedded.getIfAvailable() != null ? " (embedded)" : "")));
		Map<String, String> settings = new LinkedHashMap<>();
		DURABILITY.forEach(name -> settings.put(name,
				this.jdbc.queryForObject("SELECT current_setting(?)", String.class, name)));
		String value = settings.entrySet()
			.stream()
			.map(setting -> setting.getKey() + "=" + setting.getValue())
			.collect(Collectors.joining(", "));
		if (settings.values().stream().allMatch("on"::equals)) {
			findings.add(Finding.pass("database durability", value));
		}
		else {
			findings.add(Finding.warn("database durability", value + ": recent commits are lost on a power cut",
					this.embedded.getIfAvailable() != null
							? "set sift.database.embedded.durable=true (the default) and start Sift with a fresh server"
							: "set " + String.join(", ", DURABILITY) + " to on in the server's postgresql.conf"));
		}
		return findings;
	}

}
