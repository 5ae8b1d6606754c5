package dev.sift.definition;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.sift.definition.FieldSpec.FieldType;

import static org.assertj.core.api.Assertions.assertThat;

class ShippedJobSpecsTest {

	private final JobSpecs specs = JobSpecs.load(Path.of("jobs"));

	@Test
	void theSixShippedSpecsLoadWithoutProblems() {
		assertThat(this.specs.all()).extracting(JobSpec::name)
			.containsExactly("classify-feedback-postgres", "classify-feedback", "product-copy-postgres",
					"product-copy", "survey-themes-postgres", "survey-themes");
	}

	@Test
	void classifyFeedbackReadsEveryKeyWithItsLine() {
		JobSpec spec = this.specs.get("classify-feedback");

		assertThat(spec.source()).isEqualTo(new CsvSourceSpec("jobs/samples/feedback.csv", ',',
				java.nio.charset.StandardCharsets.UTF_8, true, java.util.List.of(), "id", java.util.List.of("text"),
				java.util.List.of("channel", "product"), 0, null));
		ClassifySpec task = (ClassifySpec) spec.task();
		assertThat(task.fields()).extracting(FieldSpec::name)
			.containsExactly("sentiment", "topics", "urgency", "summary", "language");
		FieldSpec topics = task.fields().get(1);
		assertThat(topics.type()).isEqualTo(FieldType.LABELS);
		assertThat(topics.labels()).hasSize(9).containsEntry("service",
				"customer support: response time, friendliness, resolution");
		assertThat(topics.minItems()).isEqualTo(1);
		assertThat(topics.maxItems()).isEqualTo(3);
		assertThat(task.fields().get(4).labels()).containsKey("no").hasSize(20);
		assertThat(task.examples()).singleElement()
			.satisfies(example -> assertThat(example.output()).containsEntry("topics",
					java.util.List.of("delivery", "product")));
		assertThat(spec.lineOf("source.text-columns")).isEqualTo(9);
		assertThat(spec.lineOf("task.fields[1].labels")).isEqualTo(28);
		assertThat(spec.lineOf("task.fields[1].labels.billing")).isEqualTo(29);
		assertThat(spec.schedule().cron()).isEqualTo("0 0 2 * * *");
		assertThat(spec.model()).isEqualTo(new ModelSpec(0.0, 256));
		assertThat(spec.outputs().csv()).isEqualTo("data/results/classify-feedback.csv");
	}

	@Test
	void postgresVariantsBorrowTheTaskAndKeepTheirOwnModelOptions() {
		JobSpec feedback = this.specs.get("classify-feedback-postgres");
		assertThat(feedback.task()).isEqualTo(this.specs.get("classify-feedback").task());
		assertThat(feedback.model()).isEqualTo(this.specs.get("classify-feedback").model());
		assertThat(feedback.outputs().writeBack()).containsEntry("sentiment", "sentiment_label")
			.containsEntry("urgency", "urgency_label");
		assertThat(feedback.source()).isEqualTo(new PostgresSourceSpec("feedback", null, "id",
				java.util.List.of("text"), java.util.List.of("channel", "product"), "updated_at", 500));
		assertThat(feedback.lineOf("task.fields[0]")).isEqualTo(16);

		assertThat(this.specs.get("survey-themes-postgres").model()).isEqualTo(new ModelSpec(null, 200));
	}

	@Test
	void aWordLimitAloneBoundsTheLengthAtTwelveCharactersAWord() {
		GenerateSpec copy = (GenerateSpec) this.specs.get("product-copy").task();

		FieldSpec description = copy.fields().get(0);
		assertThat(description.maxWords()).isEqualTo(60);
		assertThat(description.maxLength()).isEqualTo(720);
		FieldSpec bullets = copy.fields().get(2);
		assertThat(bullets.minItems()).isEqualTo(3);
		assertThat(bullets.maxItems()).isEqualTo(3);
		assertThat(bullets.maxLength()).isEqualTo(80);
		assertThat(copy.bannedWords()).contains("world-class");
		assertThat(copy.prompt()).startsWith("Product: {name}\n");
	}

}
