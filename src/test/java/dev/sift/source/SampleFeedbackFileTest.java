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

/** The shipped sample must read exactly as documented: its deliberate problems and nothing else. */
class SampleFeedbackFileTest {

	private static final Path SAMPLE = Path.of("jobs/samples/feedback.csv");

	private static List<SourceRecord> records;
	private static Map<String, SourceRecord> recordsById;

	@BeforeAll
	static void readSample() {
		records = SourceRecords.readAll(
				CsvSourceSettings.of(SAMPLE).withExtraColumns("received_at", "channel", "product"));
		recordsById = records.stream().collect(Collectors.toMap(SourceRecord::id, Function.identity()));
	}

	@Test
	void everyRowIsReadIncludingTheDuplicate() {
		assertThat(records).hasSize(72);
		assertThat(recordsById).hasSize(72);
	}

	@Test
	void onlyTheBlankTextAndTheDuplicatedIdAreProblems() {
		assertThat(records.stream().filter(SourceRecord::hasProblem))
				.extracting(SourceRecord::id, SourceRecord::line, SourceRecord::problem)
				.containsExactly(
						tuple("FB-1026", 33L, SAMPLE + " line 33: empty text"),
						tuple("line-50", 50L, SAMPLE + " line 50: duplicate id 'FB-1040', first seen on line 49"));
	}

	@Test
	void multiLineTextsSurviveAndLaterRecordsKeepTheirLine() {
		assertThat(recordsById.get("FB-1008").text()).isEqualTo("""
				What went well:
				- salmon was really fresh
				- portions were generous

				What didn't:
				- the dill was slimy
				- box came at 9pm instead of before 6""");
		assertThat(recordsById.get("FB-1063").text()).isEqualTo("""
				Missing from this week's box:
				1. Garlic (2 cloves)
				2. Parmesan, 30 g
				3. Spaghetti

				Please credit my account.""");
		assertThat(recordsById.get("FB-1009").line()).isEqualTo(16);
	}

	@Test
	void emojiQuotesAndAccentsSurvive() {
		assertThat(recordsById.get("FB-1015").text()).isEqualTo("best halloumi tacos I've ever made 🌮🔥");
		assertThat(recordsById.get("FB-1022").text()).endsWith("Hearth & Crate 🙃🍋");
		assertThat(recordsById.get("FB-1005").text()).startsWith("URGENT: the \"peanut-free\" Thai noodle kit");
		assertThat(recordsById.get("FB-1009").text()).contains("gekündigt", "54,90 €");
	}

	@Test
	void extraColumnsAreCarriedInConfiguredOrder() {
		assertThat(recordsById.get("FB-1001").fields()).containsExactly(
				Map.entry("received_at", "2026-10-01T07:12:00Z"),
				Map.entry("channel", "app_store"),
				Map.entry("product", "Hearth app"));
	}
}
