package db.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.sift.testing.TestDatabase;


class CanonicalSourceNamesTest {

	private final JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.dataSource());

	@Test
	void aRelativeSourceOfAnExistingFileIsRenamedToItsRealPathKeepingTheNewerOfTwoResults() throws Exception {
		Path file = Files.createDirectories(Path.of("target", "canonical-sources"))
			.resolve(UUID.randomUUID() + ".csv");
		Files.writeString(file, "id,text\n");
		String relative = file.toString();
		String real = file.toRealPath().toString();
		String missing = "target/canonical-sources/" + UUID.randomUUID() + "-gone.csv";
		insert(relative, "A1", "older", "2026-01-01T00:00:00Z");
		insert(real, "A1", "newer", "2026-02-01T00:00:00Z");
		insert(real, "A2", "newer", "2026-01-01T00:00:00Z");
		insert(relative, "A2", "older", "2025-01-01T00:00:00Z");
		insert(relative, "A3", "only", "2026-01-01T00:00:00Z");
		insert(missing, "M1", "kept", "2026-01-01T00:00:00Z");

		try (Connection connection = TestDatabase.dataSource().getConnection()) {
			Context context = mock(Context.class);
			when(context.getConnection()).thenReturn(connection);
			new V8__Canonical_source_names().migrate(context);
		}

		assertThat(rows(relative)).isEmpty();
		assertThat(rows(real)).containsExactly("A1:newer", "A2:newer", "A3:only");
		assertThat(rows(missing)).as("a file that is not there keeps its name").containsExactly("M1:kept");
	}

	private void insert(String source, String recordId, String text, String updatedAt) {
		this.jdbc.update("""
				INSERT INTO classification_result (job_name, source, record_id, input_text, status, reason,
				    prompt_version, updated_at)
				VALUES ('classify-feedback', ?, ?, ?, 'failed', 'x', 'v1', ?::timestamptz)""", source, recordId, text,
				updatedAt);
	}

	private List<String> rows(String source) {
		return this.jdbc.queryForList("""
				SELECT record_id || ':' || input_text FROM classification_result WHERE source = ? ORDER BY record_id""",
				String.class, source);
	}

}
