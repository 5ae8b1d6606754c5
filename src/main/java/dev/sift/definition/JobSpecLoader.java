package dev.sift.definition;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

import dev.sift.support.ClosestName;

/**
 * Reads job spec files into {@link JobSpec}s. YAML is read as nodes rather than bound to objects so that every key
 * keeps its line, and every problem of every file is collected before anything is rejected.
 */
final class JobSpecLoader {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}\\s]+)}");

	private JobSpecLoader() {
	}

	/**
	 * Reads every file and resolves {@code task-from} across them.
	 * @throws InvalidJobSpecException listing every problem of every file
	 */
	static List<JobSpec> load(List<Path> files) {
		List<Draft> drafts = files.stream().map(JobSpecLoader::read).toList();
		reportDuplicateNames(drafts);
		Map<String, Draft> byName = new LinkedHashMap<>();
		drafts.stream().filter(draft -> draft.name() != null).forEach(draft -> byName.putIfAbsent(draft.name(), draft));
		List<JobSpec> specs = new ArrayList<>();
		for (Draft draft : drafts) {
			JobSpec spec = resolve(draft, byName);
			if (spec != null) {
				checkAgainstTask(draft.file(), spec);
				checkInputColumns(draft.file(), spec);
				specs.add(spec);
			}
		}
		List<SpecProblem> problems = drafts.stream().flatMap(draft -> draft.file().problems().stream()).toList();
		if (!problems.isEmpty()) {
			throw new InvalidJobSpecException(problems);
		}
		return specs;
	}

	/** Reads one file as far as it can; what cannot be read is {@code null} and reported. */
	static Draft read(Path path) {
		SpecFile file = new SpecFile(path);
		Node root;
		try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
			root = new Yaml().compose(reader);
		}
		catch (MarkedYAMLException ex) {
			Mark mark = ex.getProblemMark() != null ? ex.getProblemMark() : ex.getContextMark();
			file.problem(mark == null ? 1 : mark.getLine() + 1, "YAML syntax: "
					+ (ex.getProblem() != null ? ex.getProblem() : ex.getMessage()).strip());
			return Draft.unreadable(file);
		}
		catch (YAMLException | IOException ex) {
			file.problem(1, "cannot read the file: " + ex.getMessage());
			return Draft.unreadable(file);
		}
		if (root == null) {
			file.problem(1, "the file is empty", "a job spec needs at least name, source and task");
			return Draft.unreadable(file);
		}
		if (!(root instanceof MappingNode mapping)) {
			file.problem(YamlMap.lineOf(root), "a job spec is a map of keys such as name, source and task, not "
					+ YamlMap.describe(root));
			return Draft.unreadable(file);
		}
		return new DraftReader(file, new YamlMap(file, "", 1, mapping)).read();
	}

	private static void reportDuplicateNames(List<Draft> drafts) {
		Map<String, List<Draft>> byName = new LinkedHashMap<>();
		drafts.stream()
			.filter(draft -> draft.name() != null)
			.forEach(draft -> byName.computeIfAbsent(draft.name(), name -> new ArrayList<>()).add(draft));
		byName.forEach((name, same) -> {
			for (Draft draft : same) {
				List<String> others = same.stream()
					.filter(other -> other != draft)
					.map(other -> other.file().path().toString())
					.toList();
				if (!others.isEmpty()) {
					draft.file().problem(draft.nameLine(), "job name '" + name + "' is also used by "
							+ String.join(", ", others), "job names must be unique");
				}
			}
		});
	}

	private static JobSpec resolve(Draft draft, Map<String, Draft> byName) {
		TaskSpec task = draft.task();
		ModelSpec model = draft.model();
		Map<String, Integer> lines = new LinkedHashMap<>(draft.file().lines());
		if (draft.taskFrom() != null) {
			Draft origin = byName.get(draft.taskFrom());
			int line = lines.get("task-from");
			if (origin == null) {
				draft.file().problem(line, "task-from names no job '" + draft.taskFrom() + "'",
						ClosestName.to(draft.taskFrom(), List.copyOf(byName.keySet()))
							.map(closest -> "did you mean '" + closest + "'?")
							.orElse("jobs: " + String.join(", ", byName.keySet())));
				return null;
			}
			if (origin.taskFrom() != null) {
				draft.file().problem(line, "task-from names '" + origin.name() + "', which takes its own task from '"
						+ origin.taskFrom() + "'", "name the job that defines the task; task-from does not chain");
				return null;
			}
			task = origin.task();
			if (!draft.modelSet()) {
				model = origin.model();
			}
			// Checks of the borrowed task then point at the task-from line.
			lines.put("task", line);
		}
		if (draft.name() == null || draft.source() == null || task == null) {
			return null;
		}
		return new JobSpec(draft.name(), draft.description(), draft.file().path(), draft.source(), task,
				draft.outputs(), draft.schedule(), model, draft.partitions(), lines);
	}

	/** Checks that need both the source and the task, which task-from may bring from another file. */
	private static void checkAgainstTask(SpecFile file, JobSpec spec) {
		if (spec.task() instanceof GenerateSpec generate) {
			List<String> columns = spec.source().recordColumns();
			Set<String> reported = new HashSet<>();
			Matcher placeholder = PLACEHOLDER.matcher(generate.prompt());
			while (placeholder.find()) {
				String column = placeholder.group(1);
				if (!columns.contains(column) && reported.add(column)) {
					file.problem(spec.lineOf("task.prompt"), "the prompt's placeholder {" + column
							+ "} is not a column of the source's records", ClosestName.to(column, columns)
								.map(closest -> "did you mean {" + closest + "}?")
								.orElse("add '" + column + "' to source.extra-columns; columns: "
										+ String.join(", ", columns)));
				}
			}
		}
		Map<String, String> writeBack = spec.outputs().writeBack();
		if (writeBack.isEmpty()) {
			return;
		}
		int line = spec.lineOf("outputs.write-back");
		if (!(spec.source() instanceof PostgresSourceSpec postgres) || postgres.table() == null) {
			file.problem(line, "write-back needs a postgres source with a 'table' to write to",
					"remove outputs.write-back, or read from a postgres table");
			return;
		}
		List<String> fields = spec.task().fields().stream().map(FieldSpec::name).toList();
		writeBack.keySet().stream().filter(field -> !fields.contains(field)).forEach(field -> file.problem(
				spec.lineOf("outputs.write-back." + field), "write-back names no field '" + field + "' of the task",
				SpecValues.suggestion(field, fields, "fields")));
	}

	/**
	 * The input columns of the results CSV need a CSV source and a results CSV; in a file without a header row they
	 * must be among its {@code columns} (a header is checked by {@code validate}, against the file).
	 */
	private static void checkInputColumns(SpecFile file, JobSpec spec) {
		List<String> inputColumns = spec.outputs().inputColumns();
		if (inputColumns.isEmpty()) {
			return;
		}
		int line = spec.lineOf("outputs.input-columns");
		if (!(spec.source() instanceof CsvSourceSpec csv)) {
			file.problem(line, "input-columns is only for csv sources: the results CSV of a postgres source holds "
					+ "no input columns", "remove outputs.input-columns");
			return;
		}
		if (spec.outputs().csv() == null) {
			file.problem(line, "input-columns needs outputs.csv, the results CSV that carries them",
					"add outputs.csv, or remove outputs.input-columns");
		}
		if (!csv.header()) {
			inputColumns.stream()
				.filter(column -> !csv.columns().contains(column))
				.forEach(column -> file.problem(line, "'" + column + "' is not one of the file's 'columns'",
						SpecValues.suggestion(column, csv.columns(), "columns")));
		}
	}

	/**
	 * One file as read, before {@code task-from} is resolved.
	 * @param task the file's own task, {@code null} with task-from or when invalid
	 * @param modelSet whether the file sets {@code model}, which then wins over the model of a task-from job
	 */
	record Draft(SpecFile file, String name, int nameLine, String description, SourceSpec source, TaskSpec task,
			String taskFrom, OutputSpec outputs, ScheduleSpec schedule, ModelSpec model, boolean modelSet,
			int partitions) {

		static Draft unreadable(SpecFile file) {
			return new Draft(file, null, 1, null, null, null, null, null, null, null, false, 1);
		}

	}

}
