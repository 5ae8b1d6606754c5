package dev.sift.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import dev.sift.testing.TestDatabase;

/** The shipped sample table must load with plain SQL and read as documented: one blank text and nothing else wrong. */
class SampleFeedbackTableTest {

	/** A schema of its own, because the script creates a table simply called {@code feedback}. */
	private static final String SCHEMA = "sample_feedback_table";

	private static List<SourceRecord> records;

	@BeforeAll
	static void loadAndReadSample() {
		TestDatabase.Connection connection = TestDatabase.connection();
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(connection.url(),
				connection.username(), connection.password(), true);
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		jdbc.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
		jdbc.execute("CREATE SCHEMA " + SCHEMA);
		jdbc.execute("SET search_path TO " + SCHEMA);
		jdbc.execute((ConnectionCallback<Void>) session -> {
			ScriptUtils.executeSqlScript(session, new FileSystemResource("sql/samples/feedback.sql"));
			return null;
		});
		records = SourceRecords.readAll(new PostgresSourceReader(jdbc,
				new PostgresSourceSettings("feedback", "id", List.of("text"), List.of("channel", "product"), 500)));
		dataSource.destroy();
	}

	@Test
	void everyRowIsReadAndOnlyTheBlankTextIsAProblem() {
		assertThat(records).hasSize(20);
		assertThat(records.stream().filter(SourceRecord::hasProblem))
			.extracting(SourceRecord::id, SourceRecord::problem)
			.containsExactly(tuple("1011", "postgres:feedback line 11: empty text"));
	}

	@Test
	void quotesLineBreaksEmojiAndUmlautsSurvive() {
		assertThat(records.get(4).text()).contains("\"peanut-free\"");
		assertThat(records.get(7).text()).startsWith("What went well:\n- salmon");
		assertThat(records.get(3).text()).endsWith("🙌");
		assertThat(records.get(11).text()).startsWith("Die Lieferung kam pünktlich");
		assertThat(records.get(11).fields()).containsEntry("channel", "email").containsEntry("product", "Classic Box");
	}

}
