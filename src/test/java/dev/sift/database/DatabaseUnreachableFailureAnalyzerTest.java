package dev.sift.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class DatabaseUnreachableFailureAnalyzerTest {

	private final DatabaseUnreachableFailureAnalyzer analyzer = new DatabaseUnreachableFailureAnalyzer();

	@Test
	void aRefusedConnectionDeepInsideAStartUpFailureIsReportedInTwoLines() {
		SQLException refused = new SQLException("Connection to localhost:5432 refused", "08001",
				new ConnectException("Connection refused"));

		FailureAnalysis analysis = this.analyzer
			.analyze(new BeanCreationException("flywayInitializer", "Unable to obtain connection", refused));

		assertThat(analysis.getDescription())
			.isEqualTo("Sift cannot reach its database: Connection to localhost:5432 refused");
		assertThat(analysis.getAction()).contains("spring.datasource.url").contains("resumes after its last committed");
	}

	@Test
	void aPoolThatTimedOutIsUnreachableToo() {
		FailureAnalysis analysis = this.analyzer.analyze(new CannotGetJdbcConnectionException("Failed to obtain",
				new SQLTransientConnectionException("sift - Connection is not available")));

		assertThat(analysis.getDescription()).endsWith("sift - Connection is not available");
	}

	@Test
	void otherFailuresAreLeftToOtherAnalyzers() {
		assertThat(this.analyzer.analyze(new IllegalStateException("boom", new SQLException("syntax", "42601"))))
			.isNull();
		assertThat(this.analyzer.analyze(new IllegalStateException("model download failed",
				new ConnectException("huggingface.co")))).as("a connection that is not the database's").isNull();
	}

}
