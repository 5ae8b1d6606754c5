package dev.sift.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.docker.compose.core.DockerException;

/**
 * Reports that the {@code compose} profile asks for the database of {@code docker-compose.yml} but Docker cannot be
 * used (not installed, not running), and the ways out, instead of a stack trace.
 */
class DockerComposeFailureAnalyzer extends AbstractFailureAnalyzer<DockerException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DockerException cause) {
		return new FailureAnalysis("Sift is to use the PostgreSQL of docker-compose.yml (spring.docker.compose.enabled, "
				+ "on in the compose profile), but Docker cannot be used: " + cause.getMessage(),
				"Install Docker with Compose and start it; or leave out --spring.profiles.active=compose for the "
						+ "embedded database, or set spring.datasource.url to a server of your own.",
				cause);
	}

}
