package dev.sift.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sift.SiftApplication;
import dev.sift.testing.FeedbackFiles;
import dev.sift.testing.StartupFailures;
import dev.sift.testing.TestModels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The command line as a user runs it, on the embedded PostgreSQL that Sift starts when no database is configured.
 */
@ExtendWith(OutputCaptureExtension.class)
class RunCommandTest {

	private static final int RECORDS = 6;

	@TempDir
	Path workDirectory;

	@Test
	void runPrintsASummaryAndASecondRunSeesTheFirstRunsResultsAndHistory(CapturedOutput output) throws Exception {
		Path input = FeedbackFiles.write(this.workDirectory.resolve("six.csv"), RECORDS);
		Path results = this.workDirectory.resolve("results.csv");
		Path perInput = this.workDirectory.resolve("results.six.csv");

		assertThat(runSift(input, results, context -> {
		})).isZero();
		assertThat(output.getOut()).contains("classify-feedback run").contains("COMPLETED")
			.containsPattern("records read\\s+" + RECORDS)
			.contains("records per second")
			.contains("results CSV         " + perInput.toAbsolutePath());
		assertThat(Files.readAllLines(perInput)).as("an input= run exports to a file of its own").hasSize(RECORDS + 1);
		assertThat(results).doesNotExist();

		assertThat(runSift(input, results, context -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForObject(
					"SELECT count(*) FROM batch_job_instance WHERE job_name = 'classify-feedback'", Long.class))
				.isEqualTo(2);
			assertThat(jdbc.queryForObject("SELECT count(*) FROM classification_result WHERE source = ?", Long.class,
					input.toString()))
				.isEqualTo(RECORDS);
		})).isZero();
		assertThat(output.getOut()).containsPattern("unchanged, skipped\\s+" + RECORDS).contains("Nothing new");
	}

	@Test
	void reprocessClassifiesUnchangedRecordsAgain(CapturedOutput output) throws Exception {
		Path input = FeedbackFiles.write(this.workDirectory.resolve("again.csv"), RECORDS);
		assertThat(runSift(input, null, context -> {
		})).isZero();

		assertThat(runSift(input, null, context -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForObject(
					"SELECT count(DISTINCT job_instance_id) FROM classification_result WHERE source = ?", Long.class,
					input.toString()))
				.as("every record now belongs to the second run")
				.isEqualTo(1);
			assertThat(jdbc.queryForObject("SELECT max(job_instance_id) FROM batch_job_instance", Long.class))
				.isEqualTo(jdbc.queryForObject(
						"SELECT max(job_instance_id) FROM classification_result WHERE source = ?", Long.class,
						input.toString()));
		}, "reprocess=true")).isZero();
		assertThat(output.getOut()).containsPattern("unchanged, skipped\\s+0");
	}

	@Test
	void unknownCommandIsRefusedWithUsage() throws Exception {
		Path input = FeedbackFiles.write(this.workDirectory.resolve("six.csv"), RECORDS);

		assertThatThrownBy(() -> SpringApplication.run(SiftApplication.class, arguments(input, null, "classify-feedbak")))
			.hasMessageContaining("Unknown job 'classify-feedbak'; did you mean 'classify-feedback'?");
	}

	@Test
	void unknownCommandIsRefusedListingTheCommands() throws Exception {
		Path input = FeedbackFiles.write(this.workDirectory.resolve("six.csv"), RECORDS);
		List<String> arguments = new ArrayList<>(List.of(arguments(input, null, null)));
		arguments.set(0, "frobnicate");

		assertThatThrownBy(() -> SpringApplication.run(SiftApplication.class, arguments.toArray(String[]::new)))
			.satisfies(failure -> assertThat(StartupFailures.describe(failure)).contains(
					"Description:\n\nUnknown command 'frobnicate'", "  run JOB [input=FILE|GLOB] [reprocess=true]"));
	}

	@Test
	void missingInputFileIsNamedWithTheProperty() {
		Path input = this.workDirectory.resolve("nowhere.csv");

		assertThatThrownBy(() -> SpringApplication.run(SiftApplication.class, arguments(input, null, null)))
			.hasMessageContaining("Input file " + input.toAbsolutePath() + " does not exist");
	}

	@Test
	void aJobWhosePromptAndLongestReplyDoNotFitASlotFailsWithTheNumbersBeforeReadingAnyRecord(CapturedOutput output)
			throws Exception {
		Path input = FeedbackFiles.write(this.workDirectory.resolve("six.csv"), RECORDS);

		assertThat(runSift(input, null, context -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForObject("SELECT count(*) FROM classification_result", Long.class)).isZero();
			assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_step_execution", Long.class))
				.as("no step started, so no record was read")
				.isZero();
			assertThat(jdbc.queryForObject("SELECT status FROM batch_job_execution", String.class)).isEqualTo("FAILED");
		}, "--sift.model.slot-context=256")).isEqualTo(1);
		assertThat(output.getOut()).containsPattern("Job classify-feedback does not fit a slot: instructions \\d+ "
				+ "tokens \\+ reply up to 256 tokens > slot context 256: raise sift.model.slot-context to \\d+ \\(256 "
				+ "tokens left for a record\\) or lower the job's model.max-tokens")
			.as("a setting to change, told without a stack trace")
			.doesNotContain("\tat dev.sift.job.PromptFitCheck");
	}

	@Test
	void validateReportsAJobWhosePromptDoesNotFitASlotAndExitsWithOne(CapturedOutput output) throws Exception {
		Path input = FeedbackFiles.write(this.workDirectory.resolve("six.csv"), RECORDS);
		List<String> arguments = new ArrayList<>(List.of(arguments(input, null, null)));
		arguments.set(0, "validate");
		arguments.remove(2);
		arguments.add("--sift.model.slot-context=256");

		ConfigurableApplicationContext context = SpringApplication.run(SiftApplication.class,
				arguments.toArray(String[]::new));

		assertThat(SpringApplication.exit(context)).isEqualTo(1);
		assertThat(output.getOut()).containsPattern("classify-feedback.yml:\\d+: Job classify-feedback does not fit a "
				+ "slot: instructions \\d+ tokens \\+ reply up to 256 tokens > slot context 256");
	}

	private int runSift(Path input, Path results, Consumer<ConfigurableApplicationContext> check,
			String... moreArguments) throws IOException {
		List<String> arguments = new ArrayList<>(List.of(arguments(input, results, null)));
		arguments.addAll(List.of(moreArguments));
		ConfigurableApplicationContext context = SpringApplication.run(SiftApplication.class,
				arguments.toArray(String[]::new));
		check.accept(context);
		return SpringApplication.exit(context);
	}

	/**
	 * A run of {@code job} (classify-feedback unless given) on {@code input}, on an embedded database of its own.
	 * The results CSV goes into a job spec directory of the test's own, which only changes the spec's output.
	 */
	private String[] arguments(Path input, Path results, String job) throws IOException {
		return new String[] { "run", job == null ? "classify-feedback" : job, "input=" + input,
				"--sift.database.embedded.data-directory=" + this.workDirectory.resolve("postgres"),
				"--sift.model.path=" + TestModels.tiny(),
				"--sift.jobs.dir=" + FeedbackFiles.specWritingTo(this.workDirectory.resolve("jobs"), results) };
	}

}
