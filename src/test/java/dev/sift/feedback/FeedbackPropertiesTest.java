package dev.sift.feedback;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.sift.source.PostgresSourceSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FeedbackPropertiesTest {

	@Test
	void tabDelimiterCanBeWrittenAsEscapeOrWord() {
		assertThat(withDelimiter("\\t").delimiterChar()).isEqualTo('\t');
		assertThat(withDelimiter("tab").delimiterChar()).isEqualTo('\t');
		assertThat(withDelimiter("\t").delimiterChar()).isEqualTo('\t');
		assertThat(withDelimiter(";").delimiterChar()).isEqualTo(';');
	}

	@Test
	void rejectsDelimitersThatCannotSeparateFields() {
		for (String delimiter : List.of(",,", "\"", "\n", "")) {
			assertThatIllegalArgumentException().isThrownBy(() -> withDelimiter(delimiter))
				.withMessageContaining("sift.feedback.delimiter");
		}
	}

	@Test
	void chunksHoldSixteenRecordsPerSlotUnlessConfigured() {
		assertThat(withChunkSize(0).chunkSizeFor(2)).isEqualTo(32);
		assertThat(withChunkSize(10).chunkSizeFor(2)).isEqualTo(10);
		assertThat(withChunkSize(1).chunkSizeFor(4)).as("at least one record per slot").isEqualTo(4);
		assertThatIllegalArgumentException().isThrownBy(() -> withChunkSize(-1))
			.withMessageContaining("sift.feedback.chunk-size");
	}

	@Test
	void defaultsToTheBuiltInTopicsWhenNoneAreConfigured() {
		assertThat(withTopics(Map.of()).topics()).containsKeys("billing", "safety", "other");
	}

	@Test
	void rejectsTopicNamesTheGrammarCannotCarryAndTopicsWithoutDescription() {
		assertThatIllegalArgumentException().isThrownBy(() -> withTopics(Map.of("Late Delivery", "late")))
			.withMessageContaining("'Late Delivery'");
		assertThatIllegalArgumentException().isThrownBy(() -> withTopics(Map.of("late", " ")))
			.withMessageContaining("sift.feedback.topics.late");
	}

	@Test
	void aTableSourceIsNamedAfterItsTableAndReadsTheTextColumnUnlessTextColumnsAreSet() {
		FeedbackProperties table = withSource(FeedbackProperties.Source.POSTGRES, "crm.tickets", null, 200);

		assertThat(table.sourceId()).isEqualTo("postgres:crm.tickets");
		assertThat(table.textColumns()).containsExactly("text");
		assertThat(table.postgresSettings()).isEqualTo(
				new PostgresSourceSettings("crm.tickets", "id", List.of("text"), List.of(), 200));
		assertThat(withSource(FeedbackProperties.Source.POSTGRES, "t", List.of("title", "body"), 200).textColumns())
			.containsExactly("title", "body");
		assertThat(withDelimiter(",").sourceId()).isEqualTo(Path.of("in.csv").toString());
	}

	@Test
	void aTableSourceNeedsATableAndPagesOfAtLeastOneRow() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> withSource(FeedbackProperties.Source.POSTGRES, " ", null, 500))
			.withMessageContaining("sift.feedback.table");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> withSource(FeedbackProperties.Source.POSTGRES, "t", null, 0))
			.withMessageContaining("sift.feedback.page-size");
	}

	private static FeedbackProperties withSource(FeedbackProperties.Source source, String table,
			List<String> textColumns, int pageSize) {
		return new FeedbackProperties(Path.of("in.csv"), null, "id", "text", List.of(), ",", StandardCharsets.UTF_8,
				null, 8, 2, source, table, textColumns, pageSize, false);
	}

	private static FeedbackProperties withDelimiter(String delimiter) {
		return new FeedbackProperties(Path.of("in.csv"), null, "id", "text", List.of(), delimiter,
				StandardCharsets.UTF_8, null, 8, 2, FeedbackProperties.Source.CSV, "", null, 500, false);
	}

	private static FeedbackProperties withChunkSize(int chunkSize) {
		return new FeedbackProperties(Path.of("in.csv"), null, "id", "text", List.of(), ",", StandardCharsets.UTF_8,
				null, chunkSize, 2, FeedbackProperties.Source.CSV, "", null, 500, false);
	}

	private static FeedbackProperties withTopics(Map<String, String> topics) {
		return new FeedbackProperties(Path.of("in.csv"), null, "id", "text", List.of(), ",", StandardCharsets.UTF_8,
				topics, 8, 2, FeedbackProperties.Source.CSV, "", null, 500, false);
	}

}
