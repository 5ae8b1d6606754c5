package dev.sift.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The survey sample, as a file and as a table, must read as documented: the same answers and one empty comment. */
class SampleSurveyResponsesTest {

	private static final Path FILE = Path.of("jobs/samples/survey_responses.csv");

	private static List<SourceRecord> fileRecords;

	private static List<SourceRecord> tableRecords;

	private static Map<String, SourceRecord> fileRecordsById;

	@BeforeAll
	static void readSample() {
		fileRecords = SourceRecords.readAll(CsvSourceSettings.of(FILE)
			.withColumns("response_id", "comment")
			.withExtraColumns("respondent", "nps_score"));
		fileRecordsById = fileRecords.stream().collect(Collectors.toMap(SourceRecord::id, Function.identity()));
		tableRecords = SampleTables.loadAndRead("sample_survey_responses", "sql/samples/survey_responses.sql",
				new PostgresSourceSettings("survey_responses", "response_id", List.of("comment"),
						List.of("respondent", "nps_score"), 500));
	}

	@Test
	void everyAnswerIsReadAndOnlyTheEmptyCommentIsAProblem() {
		assertThat(fileRecords).hasSize(40);
		assertThat(fileRecords.stream().filter(SourceRecord::hasProblem))
			.extracting(SourceRecord::id, SourceRecord::problem)
			.containsExactly(tuple("3014", FILE + " line 21: empty text"));
	}

	@Test
	void theTableHoldsTheSameAnswersWithTheSameProblem() {
		assertThat(tableRecords).extracting(SourceRecord::id)
			.containsExactlyElementsOf(fileRecords.stream().map(SourceRecord::id).toList());
		assertThat(tableRecords).extracting(SourceRecord::text)
			.containsExactlyElementsOf(fileRecords.stream().map(SourceRecord::text).toList());
		assertThat(tableRecords.stream().filter(SourceRecord::hasProblem))
			.extracting(SourceRecord::id, SourceRecord::problem)
			.containsExactly(tuple("3014", "postgres:survey_responses line 14: empty text"));
	}

	@Test
	void scoresOutsideTheScaleAreKeptInTheFileAndEmptyInTheTable() {
		assertThat(fileRecordsById.get("3018").fields()).containsEntry("nps_score", "n/a");
		assertThat(fileRecordsById.get("3023").fields()).containsEntry("nps_score", "11");
		assertThat(fileRecordsById.get("3018").hasProblem()).isFalse();
		assertThat(tableRecords.get(17).fields()).containsEntry("nps_score", "");
		assertThat(tableRecords.get(22).fields()).containsEntry("nps_score", "");
		assertThat(tableRecords.get(0).fields()).containsExactly(Map.entry("respondent", "cust-10482"),
				Map.entry("nps_score", "10"));
	}

	@Test
	void scoresSpanPromotersPassivesAndDetractors() {
		Map<String, Long> groups = fileRecords.stream()
			.map(record -> record.fields().get("nps_score"))
			.filter(score -> score.matches("\\d+") && Integer.parseInt(score) <= 10)
			.map(Integer::parseInt)
			.collect(Collectors.groupingBy(
					score -> score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor", Collectors.counting()));
		assertThat(groups).containsOnlyKeys("promoter", "passive", "detractor");
		assertThat(groups.values()).allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(8));
	}

	@Test
	void multiLineCommentsQuotesEmojiAndOtherLanguagesSurvive() {
		assertThat(fileRecordsById.get("3008").text()).startsWith("What I like:\n- the recipe cards are clear")
			.contains("\n\nWhat I don't:\n");
		assertThat(fileRecordsById.get("3009").line()).isEqualTo(16);
		assertThat(fileRecordsById.get("3003").text()).contains("courier's \"delivery window\"");
		assertThat(fileRecordsById.get("3007").text()).startsWith("🔥🔥🔥");
		assertThat(fileRecordsById.get("3009").text()).startsWith("Die Rezepte sind einfach");
		assertThat(fileRecordsById.get("3004").text()).isEqualTo("Good food, but at $11.50 a portion it's a treat, "
				+ "not a habit.");
	}

}
