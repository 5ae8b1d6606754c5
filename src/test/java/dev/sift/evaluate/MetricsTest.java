package dev.sift.evaluate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.sift.evaluate.Metrics.LabelPair;
import dev.sift.evaluate.Metrics.TopicsPair;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsTest {

	private static final Offset<Double> EXACT = Offset.offset(1e-9);

	/**
	 * Ten records, one unclassified. Rows expected, columns predicted (negative, neutral, positive):
	 * negative 2 0 1, neutral 1 2 0, positive 1 0 2, and one positive record without a prediction.
	 */
	private static final List<LabelPair> SENTIMENTS = List.of(new LabelPair("positive", "positive"),
			new LabelPair("positive", "positive"), new LabelPair("positive", "negative"),
			new LabelPair("positive", null), new LabelPair("negative", "negative"),
			new LabelPair("negative", "positive"), new LabelPair("negative", "negative"),
			new LabelPair("neutral", "neutral"), new LabelPair("neutral", "negative"),
			new LabelPair("neutral", "neutral"));

	private static final List<TopicsPair> TOPICS = List.of(
			new TopicsPair(Set.of("billing", "delivery"), Set.of("billing")),
			new TopicsPair(Set.of("app"), Set.of("app", "service")),
			new TopicsPair(Set.of("delivery"), Set.of("delivery")), new TopicsPair(Set.of("product"), null));

	@Test
	void singleLabelAccuracyCountsUnclassifiedRecordsAsWrong() {
		SingleLabelScores scores = Metrics.singleLabel(SENTIMENTS);

		assertThat(scores.records()).isEqualTo(10);
		assertThat(scores.classified()).isEqualTo(9);
		assertThat(scores.unclassified()).isEqualTo(1);
		assertThat(scores.accuracy()).isCloseTo(6 / 10.0, EXACT);
	}

	@Test
	void singleLabelPrecisionRecallAndF1MatchTheHandComputedValues() {
		SingleLabelScores scores = Metrics.singleLabel(SENTIMENTS);

		assertThat(scores.classes()).containsOnlyKeys("negative", "neutral", "positive");
		assertScores(scores.classes().get("positive"), 2, 3, 4, 2 / 3.0, 1 / 2.0, 4 / 7.0);
		assertScores(scores.classes().get("negative"), 2, 4, 3, 1 / 2.0, 2 / 3.0, 4 / 7.0);
		assertScores(scores.classes().get("neutral"), 2, 2, 3, 1.0, 2 / 3.0, 4 / 5.0);
		assertThat(scores.macroF1()).isCloseTo(68 / 105.0, EXACT);
	}

	@Test
	void confusionMatrixHasSortedClassesAndLeavesUnclassifiedRecordsOut() {
		ConfusionMatrix confusion = Metrics.singleLabel(SENTIMENTS).confusion();

		assertThat(confusion.classes()).containsExactly("negative", "neutral", "positive");
		assertThat(confusion.counts()).containsExactly(List.of(2L, 0L, 1L), List.of(1L, 2L, 0L), List.of(1L, 0L, 2L));
		assertThat(confusion.count("positive", "negative")).isEqualTo(1);
	}

	@Test
	void aClassNeverPredictedHasPrecisionZeroAndStaysInTheMacroAverage() {
		SingleLabelScores scores = Metrics.singleLabel(
				List.of(new LabelPair("mixed", "positive"), new LabelPair("positive", "positive")));

		assertScores(scores.classes().get("mixed"), 0, 0, 1, 0, 0, 0);
		assertScores(scores.classes().get("positive"), 1, 2, 1, 1 / 2.0, 1.0, 2 / 3.0);
		assertThat(scores.macroF1()).isCloseTo(1 / 3.0, EXACT);
	}

	@Test
	void aClassOnlyPredictedHasRecallZero() {
		SingleLabelScores scores = Metrics.singleLabel(List.of(new LabelPair("low", "high")));

		assertScores(scores.classes().get("high"), 0, 1, 0, 0, 0, 0);
		assertThat(scores.accuracy()).isZero();
	}

	@Test
	void noRecordsScoreZeroInsteadOfDividingByZero() {
		SingleLabelScores single = Metrics.singleLabel(List.of());
		MultiLabelScores multi = Metrics.multiLabel(List.of());

		assertThat(single.accuracy()).isZero();
		assertThat(single.macroF1()).isZero();
		assertThat(multi.exactMatchAccuracy()).isZero();
		assertThat(multi.microF1()).isZero();
	}

	@Test
	void multiLabelScoresEachTopicOverTheSets() {
		MultiLabelScores scores = Metrics.multiLabel(TOPICS);

		assertThat(scores.topics()).containsOnlyKeys("app", "billing", "delivery", "product", "service");
		assertScores(scores.topics().get("app"), 1, 1, 1, 1, 1, 1);
		assertScores(scores.topics().get("billing"), 1, 1, 1, 1, 1, 1);
		assertScores(scores.topics().get("delivery"), 1, 1, 2, 1, 1 / 2.0, 2 / 3.0);
		assertScores(scores.topics().get("product"), 0, 0, 1, 0, 0, 0);
		assertScores(scores.topics().get("service"), 0, 1, 0, 0, 0, 0);
		assertThat(scores.macroF1()).isCloseTo(8 / 15.0, EXACT);
	}

	@Test
	void multiLabelMicroF1PoolsAllTopicsAndExactMatchNeedsEqualSets() {
		MultiLabelScores scores = Metrics.multiLabel(TOPICS);

		assertThat(scores.microPrecision()).isCloseTo(3 / 4.0, EXACT);
		assertThat(scores.microRecall()).isCloseTo(3 / 5.0, EXACT);
		assertThat(scores.microF1()).isCloseTo(2 / 3.0, EXACT);
		assertThat(scores.exactMatchAccuracy()).isCloseTo(1 / 4.0, EXACT);
		assertThat(scores.unclassified()).isEqualTo(1);
		assertThat(scores.classified()).isEqualTo(3);
	}

	@Test
	void reportJsonHasTheScoresOfEveryFieldByName() {
		Map<String, FieldScores> fields = new LinkedHashMap<>();
		fields.put("sentiment", Metrics.singleLabel(SENTIMENTS));
		fields.put("topics", Metrics.multiLabel(TOPICS));

		JsonNode json = JsonMapper.shared()
			.readTree(new EvaluationReport("labelled.csv", 10, fields).toJson());

		assertThat(json.path("input").asString()).isEqualTo("labelled.csv");
		assertThat(json.path("records").asInt()).isEqualTo(10);
		JsonNode sentiment = json.at("/fields/sentiment");
		assertThat(sentiment.path("accuracy").asDouble()).isCloseTo(0.6, EXACT);
		assertThat(sentiment.path("unclassified").asInt()).isEqualTo(1);
		assertThat(sentiment.at("/classes/positive/precision").asDouble()).isCloseTo(2 / 3.0, EXACT);
		assertThat(sentiment.at("/classes/positive/support").asInt()).isEqualTo(4);
		assertThat(sentiment.at("/confusion/classes").valueStream().map(JsonNode::asString))
			.containsExactly("negative", "neutral", "positive");
		assertThat(sentiment.at("/confusion/counts/0").valueStream().map(JsonNode::asInt)).containsExactly(2, 0, 1);
		JsonNode topics = json.at("/fields/topics");
		assertThat(topics.path("exactMatchAccuracy").asDouble()).isCloseTo(0.25, EXACT);
		assertThat(topics.path("microF1").asDouble()).isCloseTo(2 / 3.0, EXACT);
		assertThat(topics.at("/topics/delivery/recall").asDouble()).isCloseTo(0.5, EXACT);
	}

	@Test
	void reportTableShowsEveryFieldAndTheSentimentConfusionMatrix() {
		String table = new EvaluationReport("labelled.csv", 10,
				Map.of("sentiment", Metrics.singleLabel(SENTIMENTS))).toTable();

		assertThat(table).contains("Evaluation of labelled.csv: 10 records")
			.containsPattern("sentiment\\s+10\\s+9\\s+1\\s+0\\.600\\s+0\\.648")
			.contains("sentiment confusion matrix")
			.containsPattern("positive\\s+1\\s+0\\s+2");
	}

	private static void assertScores(ClassScores scores, long truePositives, long predicted, long support,
			double precision, double recall, double f1) {
		assertThat(scores.truePositives()).isEqualTo(truePositives);
		assertThat(scores.predicted()).isEqualTo(predicted);
		assertThat(scores.support()).isEqualTo(support);
		assertThat(scores.precision()).isCloseTo(precision, EXACT);
		assertThat(scores.recall()).isCloseTo(recall, EXACT);
		assertThat(scores.f1()).isCloseTo(f1, EXACT);
	}

}
