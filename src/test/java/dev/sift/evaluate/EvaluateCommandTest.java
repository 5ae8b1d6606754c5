package dev.sift.evaluate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sift.SiftApplication;
import dev.sift.definition.LongText;
import dev.sift.testing.FeedbackFiles;
import dev.sift.testing.TestDatabase;
import dev.sift.testing.TestModels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The evaluate command on the tiny random model: its labels are noise, so only the mechanics are checked, never the
 * scores.
 */
@ExtendWith(OutputCaptureExtension.class)
class EvaluateCommandTest {

	/** The classify-feedback job's columns, then the expected labels. */
	private static final String HEADER = "id,channel,product,text,sentiment,urgency,language,topics\r\n";

	/** Seven records; E-5 has no text, so the job cannot classify it. */
	private static final String ROWS = """
			E-1,,,"The delivery was late again and the box was wet",negative,medium,en,delivery\r
			E-2,,,"Loved the recipe, thanks",positive,low,en,product\r
			E-3,,,"I was charged twice, refund me or I cancel",negative,high,en,billing;pricing\r
			E-4,,,"The app crashed at checkout",negative,medium,en,app\r
			E-5,,,"",neutral,low,en,other\r
			E-6,,,"Die Lieferung war pünktlich",positive,low,de,delivery\r
			E-7,,,"Support was friendly but the price is too high",mixed,low,en,service; pricing\r
			""";

	private static final int RECORDS = 7;

	@TempDir
	Path directory;

	@Test
	void writesAReportForEveryLabelFieldWhoseCountsAddUpToTheRecords(CapturedOutput output) throws Exception {
		Path input = write("labelled.csv", HEADER + ROWS);
		Path report = this.directory.resolve("report.json");

		ConfigurableApplicationContext context = SpringApplication.run(SiftApplication.class,
				arguments(input, report));
		long ok = context.getBean(JdbcTemplate.class)
			.queryForObject("SELECT count(*) FROM classification_result WHERE source = ? AND status = 'ok'",
					Long.class, input.toString());
		assertThat(SpringApplication.exit(context)).isZero();

		JsonNode json = JsonMapper.shared().readTree(Files.readString(report));
		assertThat(json.path("records").asInt()).isEqualTo(RECORDS);
		assertThat(json.path("fields").propertyNames()).containsExactlyInAnyOrder("sentiment", "urgency", "language",
				"topics");
		for (JsonNode field : json.path("fields")) {
			assertThat(field.path("records").asInt()).as(field.toString()).isEqualTo(RECORDS);
			assertThat(field.path("classified").asInt() + field.path("unclassified").asInt()).isEqualTo(RECORDS);
			assertThat(field.path("classified").asLong()).isEqualTo(ok);
			assertThat(field.path("unclassified").asInt()).isGreaterThanOrEqualTo(1);
			assertThat(field.path("macroF1").asDouble()).isBetween(0.0, 1.0);
		}
		assertThat(supports(json.at("/fields/sentiment/classes"))).isEqualTo(RECORDS);
		assertThat(json.at("/fields/sentiment/confusion/classes").size()).isPositive();
		assertThat(json.at("/fields/topics/topics").propertyNames()).contains("delivery", "pricing", "service");
		assertThat(json.at("/fields/topics/exactMatchAccuracy").isNumber()).isTrue();
		assertThat(output.getOut()).contains("Evaluation of " + input)
			.contains("sentiment confusion matrix")
			.contains("urgency confusion matrix")
			.contains(report.toAbsolutePath().toString());
	}

	@ParameterizedTest
	@EnumSource(LongText.class)
	void evaluatesAJobWithEachLongTextPolicyCountingTheLongRecordAsThePolicyStoresIt(LongText policy)
			throws Exception {
		String longText = "The courier left the box at the wrong door again and the spinach was slimy. ".repeat(80)
			.strip();
		Path input = write("long-" + policy.code() + ".csv",
				HEADER + "L-1,,,\"" + longText + "\",negative,high,en,delivery\r\n" + ROWS.lines().limit(2)
					.map(row -> row + "\n")
					.reduce("", String::concat));
		Path jobs = FeedbackFiles.specWritingTo(this.directory.resolve("jobs-" + policy.code()), null);
		Path spec = jobs.resolve("classify-feedback.yml");
		String shipped = Files.readString(spec);
		assertThat(shipped).contains("  max-tokens: 256\n");
		Files.writeString(spec, shipped.replace("  max-tokens: 256\n",
				"  max-tokens: 256\n  long-text: " + policy.code() + "\n"));
		Path report = this.directory.resolve("report-" + policy.code() + ".json");
		List<String> arguments = new ArrayList<>(List.of(arguments(input, report)));
		arguments.add("--sift.jobs.dir=" + jobs);

		ConfigurableApplicationContext context = SpringApplication.run(SiftApplication.class,
				arguments.toArray(String[]::new));
		Map<String, Object> stored = context.getBean(JdbcTemplate.class)
			.queryForMap("SELECT status, reason, text_handling FROM classification_result WHERE source = ? AND "
					+ "record_id = 'L-1'", input.toString());
		assertThat(SpringApplication.exit(context)).isZero();

		JsonNode json = JsonMapper.shared().readTree(Files.readString(report));
		assertThat(json.path("records").asInt()).isEqualTo(3);
		switch (policy) {
			case TRUNCATE -> assertThat((String) stored.get("text_handling")).startsWith("truncated: ");
			case CHUNK -> assertThat((String) stored.get("text_handling")).startsWith("chunked: ");
			case FAIL -> assertThat(stored).containsEntry("status", "failed")
				.extractingByKey("reason")
				.asString()
				.contains(" line 2: the text does not fit one request: prompt of ");
		}
		if (policy != LongText.FAIL) {
			assertThat(stored.get("status")).isIn("ok", "needs_review");
		}
	}

	@Test
	void anUnknownExpectedLabelIsRefusedNamingFileLineAndColumn() throws Exception {
		Path input = write("typo.csv", HEADER + ROWS.replace("E-3,,,\"I was charged twice, refund me or I cancel\",negative",
				"E-3,,,\"I was charged twice, refund me or I cancel\",angry"));

		assertThatThrownBy(() -> SpringApplication.run(SiftApplication.class,
				arguments(input, this.directory.resolve("report.json"))))
			.hasMessageContaining(input + " line 4, column 'sentiment': unknown value 'angry'")
			.hasMessageContaining("positive, neutral, negative, mixed");
	}

	private static int supports(JsonNode classes) {
		int sum = 0;
		for (JsonNode scores : classes) {
			sum += scores.path("support").asInt();
		}
		return sum;
	}

	private Path write(String name, String content) throws Exception {
		return Files.writeString(this.directory.resolve(name), content, StandardCharsets.UTF_8);
	}

	private String[] arguments(Path input, Path report) {
		TestDatabase.Connection database = TestDatabase.connection();
		// As SiftApplication.main starts every command but serve: without a web server, so no port is taken.
		List<String> arguments = new ArrayList<>(List.of("evaluate", "classify-feedback",
				"--spring.main.web-application-type=none", "--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password(), "--sift.model.path=" + TestModels.tiny(),
				"--sift.run.max-attempts=1", "--sift.evaluate.input=" + input,
				"--sift.evaluate.output=" + report));
		return arguments.toArray(String[]::new);
	}

}
