package dev.sift.evaluate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import dev.sift.feedback.ClassifyFeedbackJobConfiguration;
import dev.sift.feedback.FeedbackProperties;
import dev.sift.model.LlamaCppChatModel;
import dev.sift.feedback.FeedbackTask;
import dev.sift.result.ResultRepository;
import dev.sift.run.Command;
import dev.sift.run.JobRunner;
import dev.sift.source.CsvSourceSettings;

/**
 * {@code evaluate}: classifies a labelled CSV file with the real job, compares the stored labels with the expected
 * ones, prints a table and writes a JSON report. The expected labels are checked before the model runs, so a typo in
 * them costs no model time.
 */
@Component
@EnableConfigurationProperties(EvaluateProperties.class)
public class EvaluateCommand implements Command {

	private static final Logger log = LoggerFactory.getLogger(EvaluateCommand.class);

	private final EvaluateProperties evaluate;

	private final FeedbackProperties feedback;

	private final JobRunner jobRunner;

	private final Job classifyFeedbackJob;

	private final ResultRepository results;

	private final FeedbackTask task;

	private final LlamaCppChatModel chatModel;

	public EvaluateCommand(EvaluateProperties evaluate, FeedbackProperties feedback, JobRunner jobRunner,
			Job classifyFeedbackJob, ResultRepository results, FeedbackTask task, LlamaCppChatModel chatModel) {
		this.task = task;
		this.chatModel = chatModel;
		this.evaluate = evaluate;
		this.feedback = feedback;
		this.jobRunner = jobRunner;
		this.classifyFeedbackJob = classifyFeedbackJob;
		this.results = results;
	}

	@Override
	public String name() {
		return "evaluate";
	}

	@Override
	public String usage() {
		return "--sift.evaluate.input=FILE [--sift.evaluate.output=REPORT.json]: score the job's labels against a "
				+ "labelled file";
	}

	@Override
	public int run(List<String> arguments) throws Exception {
		if (!arguments.isEmpty()) {
			throw new IllegalArgumentException("evaluate takes no arguments; usage: evaluate " + usage());
		}
		if (this.feedback.source() != FeedbackProperties.Source.CSV) {
			throw new IllegalArgumentException("evaluate reads a labelled CSV file: run it with sift.feedback.source=csv");
		}
		Path input = requireInput();
		LabelledFile labelled = LabelledFile.read(sourceSettings(input), allowedValues());
		JobExecution execution = this.jobRunner.run(this.classifyFeedbackJob,
				ClassifyFeedbackJobConfiguration.runParameters(input.toString(), null), ClassifyFeedbackJobConfiguration.INPUT);
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			log.error("The classification of {} ended {}: {}", input, execution.getStatus(),
					execution.getExitStatus().getExitDescription());
			return 1;
		}
		EvaluationReport report = new EvaluationReport(input.toString(), labelled.records().size(), labelled
			.scoreAgainst(this.results.labelsBySource(input.toString(), this.task.promptVersion(this.chatModel.getModelName()))));
		Path output = this.evaluate.output();
		Files.createDirectories(output.toAbsolutePath().getParent());
		Files.writeString(output, report.toJson());
		System.out.println(report.toTable());
		System.out.println("Report written to " + output.toAbsolutePath());
		return 0;
	}

	private Path requireInput() {
		Path input = this.evaluate.input();
		if (input == null || !input.toFile().isFile()) {
			throw new IllegalArgumentException("Labelled file " + (input == null ? "(none)" : input.toAbsolutePath())
					+ " does not exist; set sift.evaluate.input to a CSV file with expected labels");
		}
		return input;
	}

	/** The job's own column settings, so the file is read exactly as the job reads it. */
	private CsvSourceSettings sourceSettings(Path input) {
		return new CsvSourceSettings(input, this.feedback.idColumn(), this.feedback.textColumn(), List.of(),
				this.feedback.delimiterChar(), this.feedback.encoding());
	}

	private Map<String, List<String>> allowedValues() {
		return Map.of("sentiment", FeedbackTask.SENTIMENTS, "urgency", FeedbackTask.URGENCIES, "language",
				FeedbackTask.LANGUAGES, LabelledFile.TOPICS, List.copyOf(this.feedback.topics().keySet()));
	}

}
