package dev.sift.database;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/** A start-up that fails on the embedded database is reported as what happened and what to do. */
class EmbeddedDatabaseFailureAnalyzerTest {

	@Test
	void failureInsideTheBeanCreationIsReportedWithWhatToDo() {
		Path data = Path.of("/srv/sift/data/postgres");
		EmbeddedDatabaseException cause = EmbeddedDatabaseException.ownerNotReady(data,
				Path.of("/srv/sift/data/postgres.lock"), 1234L, Duration.ofSeconds(60));

		FailureAnalysis analysis = new EmbeddedDatabaseFailureAnalyzer()
			.analyze(new BeanCreationException("embeddedServer", "Failed to create", cause));

		assertThat(analysis.getDescription()).isEqualTo("The embedded database in /srv/sift/data/postgres is owned"
				+ " by Sift process 1234, and its PostgreSQL did not accept connections within 60 s.");
		assertThat(analysis.getAction()).contains("kill 1234", "--sift.database.embedded.data-directory=",
				"sift.database.embedded.owner-wait");
	}

}
