package dev.sift.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.sift.cli.Command;
import dev.sift.testing.TestDatabase;

@ExtendWith(OutputCaptureExtension.class)
class LoadSamplesCommandTest {

	/** A schema of its own, because the scripts create tables with plain names such as {@code feedback}. */
	private static final String SCHEMA = "load_samples_command";

	private static final Path SAMPLES = Path.of("sql/samples");

	private final DataSource dataSource = schemaDataSource();

	private final JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

	@BeforeEach
	void emptySchema() {
		this.jdbc.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
		this.jdbc.execute("CREATE SCHEMA " + SCHEMA);
	}

	@Test
	void loadsEverySampleInNameOrderAndPrintsTheRowsOfEachTable(CapturedOutput output) throws Exception {
		assertThat(command(SAMPLES).run(List.of())).isZero();

		assertThat(rows("feedback")).isEqualTo(20);
		assertThat(rows("products")).isEqualTo(16);
		assertThat(rows("survey_responses")).isEqualTo(40);
		assertThat(output.getOut()).containsSubsequence("feedback: 20 rows in table feedback",
				"products: 16 rows in table products", "survey_responses: 40 rows in table survey_responses");
	}

	@Test
	void loadsOnlyTheNamedSamples(CapturedOutput output) throws Exception {
		command(SAMPLES).run(List.of("survey_responses", "products.sql"));

		assertThat(tables()).containsExactlyInAnyOrder("products", "survey_responses");
		assertThat(output.getOut()).doesNotContain("feedback");
	}

	@Test
	void loadingAgainStartsAfresh() throws Exception {
		command(SAMPLES).run(List.of("feedback"));
		this.jdbc.update("DELETE FROM " + SCHEMA + ".feedback WHERE id > 1005");
		this.jdbc.update("UPDATE " + SCHEMA + ".feedback SET sentiment_label = 'positive'");

		command(SAMPLES).run(List.of("feedback"));

		assertThat(rows("feedback")).isEqualTo(20);
		assertThat(this.jdbc.queryForObject("SELECT count(sentiment_label) FROM " + SCHEMA + ".feedback",
				Long.class)).isZero();
	}

	@Test
	void unknownNamesAreRefusedTogetherWithTheAvailableOnesAndNothingIsLoaded() {
		assertThatThrownBy(() -> command(SAMPLES).run(List.of("products", "survey", "feedbak")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("Unknown sample 'survey', 'feedbak'; available: feedback, products, survey_responses");
		assertThat(tables()).isEmpty();
	}

	@Test
	void aFailingScriptLeavesNothingBehindAndStopsTheLoading(@TempDir Path dir) throws Exception {
		Files.writeString(dir.resolve("a_broken.sql"),
				"CREATE TABLE half_loaded (id int PRIMARY KEY);\nINSERT INTO half_loaded VALUES (1), ('one');\n");
		Files.writeString(dir.resolve("b_fine.sql"), "CREATE TABLE fine (id int);\n");

		assertThatThrownBy(() -> command(dir).run(List.of())).hasMessageContaining("a_broken.sql");

		assertThat(tables()).isEmpty();
	}

	@Test
	void aMissingDirectoryIsNamedWithTheSettingThatMovesIt(@TempDir Path dir) {
		assertThatThrownBy(() -> command(dir.resolve("nowhere")).run(List.of()))
			.hasMessageContaining(dir.resolve("nowhere").toString())
			.hasMessageContaining("sift.samples.dir");
	}

	@Test
	void isACommandReadingItsDirectoryFromTheSettings(@TempDir Path dir, CapturedOutput output) {
		new ApplicationContextRunner().withUserConfiguration(LoadSamplesCommand.class)
			.withBean(DataSource.class, () -> this.dataSource)
			.withPropertyValues("sift.samples.dir=" + dir)
			.run(context -> {
				Command command = context.getBean(Command.class);
				Files.writeString(dir.resolve("tiny.sql"), "CREATE TABLE tiny (id int);\nINSERT INTO tiny VALUES (1);\n");

				assertThat(command.name()).isEqualTo("load-samples");
				assertThat(command.usage()).contains(dir.toString());
				assertThat(command.run(List.of("tiny"))).isZero();
				assertThat(output.getOut()).contains("tiny: 1 row in table tiny");
			});
	}

	private LoadSamplesCommand command(Path dir) {
		return new LoadSamplesCommand(this.dataSource, new SamplesProperties(dir));
	}

	private long rows(String table) {
		return this.jdbc.queryForObject("SELECT count(*) FROM " + SCHEMA + "." + table, Long.class);
	}

	private List<String> tables() {
		return this.jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = ?",
				String.class, SCHEMA);
	}

	/** Every connection of the command works in the test schema, as the application's would in its own. */
	private static DataSource schemaDataSource() {
		TestDatabase.Connection connection = TestDatabase.connection();
		String separator = connection.url().contains("?") ? "&" : "?";
		return new DriverManagerDataSource(connection.url() + separator + "currentSchema=" + SCHEMA,
				connection.username(), connection.password());
	}

}
