package dev.sift.evaluate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import dev.sift.cli.Command;
import dev.sift.cli.UsageException;
import dev.sift.definition.ClassifySpec;
import dev.sift.definition.CsvSourceSpec;
import dev.sift.definition.FieldSpec;
import dev.sift.definition.JobSpec;
import dev.sift.job.RunOptions;
import dev.sift.job.SpecJobs;
import dev.sift.result.ResultStore;
import dev.sift.result.StoredResult;
import dev.sift.run.JobRunner;
import dev.sift.source.SourceNames;

/**
 * {@code evaluate JOB}: classifies a labelled CSV file with the real job, compares the stored labels with the expected
 * ones, prints a table and writes a JSON report. The expected labels are checked before the model runs, so a typo in
 * them costs no model time.
 */
@Component
@EnableConfigurationProperties(EvaluateProperties.class)
public class EvaluateCommand implements Command {

	private static final Logger log = LoggerFactory.getLogger(EvaluateCommand.class);

	private final EvaluateProperties evaluate;

	private final JobRunner jobRunner;

	private final SpecJobs jobs;

	private final ResultStore results;

	public EvaluateCommand(EvaluateProperties evaluate, JobRunner jobRunner, SpecJobs jobs, ResultStore results) {
		this.evaluate = evaluate;
		this.jobRunner = jobRunner;
		this.jobs = jobs;
		this.results = results;
	}

	@Override
	public String name() {
		return "evaluate";
	}

	@Override
	public String usage() {
		return "JOB --sift.evaluate.input=FILE [--sift.evaluate.output=REPORT.json]: score a classify job's labels "
				+ "against a labelled file";
	}

	@Override
	public int run(List<String> arguments) throws Exception {
		if (arguments.size() != 1) {
			throw new UsageException("Which job? usage: evaluate " + usage());
		}
		JobSpec spec = this.jobs.specs().get(arguments.get(0));
		if (!(spec.task() instanceof ClassifySpec) || !(spec.source() instanceof CsvSourceSpec csv)) {
			throw new UsageException("evaluate scores a classify job that reads CSV files; " + spec.name()
					+ " does not");
		}
		Path input = requireInput();
		LabelledFile labelled = LabelledFile.read(csv.settingsFor(input), labelFields(spec));
		JobExecution execution = this.jobRunner.run(this.jobs.job(spec.name()),
				SpecJobs.runParameters(input.toString(), null, RunOptions.DEFAULTS), SpecJobs.INPUT);
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			log.error("The classification of {} ended {}: {}", input, execution.getStatus(),
					execution.getExitStatus().getExitDescription());
			return 1;
		}
		Map<String, StoredResult> stored = new HashMap<>();
		this.results.forEachRecord(spec.name(), SourceNames.canonical(input.toString()),
				this.jobs.promptVersion(spec.name()), result -> stored.put(result.recordId(), result));
		EvaluationReport report = new EvaluationReport(input.toString(), labelled.records().size(),
				labelled.scoreAgainst(stored));
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
			throw new UsageException("Labelled file " + (input == null ? "(none)" : input.toAbsolutePath())
					+ " does not exist; set sift.evaluate.input to a CSV file with expected labels");
		}
		return input;
	}

	/** The fields that can be scored against expected values: labels, label sets and yes/no answers. */
	private static Map<String, LabelledFile.LabelField> labelFields(JobSpec spec) {
		Map<String, LabelledFile.LabelField> fields = new LinkedHashMap<>();
		for (FieldSpec field : spec.task().fields()) {
			switch (field.type()) {
				case LABEL -> fields.put(field.name(), new LabelledFile.LabelField(List.copyOf(field.labels().keySet()), false));
				case LABELS -> fields.put(field.name(), new LabelledFile.LabelField(List.copyOf(field.labels().keySet()), true));
				case BOOLEAN -> fields.put(field.name(), new LabelledFile.LabelField(List.of("true", "false"), false));
				default -> {
				}
			}
		}
		return fields;
	}

}
