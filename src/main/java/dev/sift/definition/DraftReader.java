package dev.sift.definition;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.sift.definition.JobSpecLoader.Draft;

/** Reads the top level of one file, handing each section to its reader. */
final class DraftReader {

	private static final Pattern JOB_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,59}");

	private static final List<String> TOP_KEYS = List.of("name", "description", "source", "task", "task-from",
			"outputs", "schedule", "model", "partitions");



	private final SpecFile file;

	private final YamlMap root;

	DraftReader(SpecFile file, YamlMap root) {
		this.file = file;
		this.root = root;
	}

	Draft read() {
		this.root.allowOnly(TOP_KEYS);
		String name = name();
		String description = this.root.string("description");
		SourceSpec source = this.root.has("source") ? new SourceReader(this.file).read(this.root.map("source"))
				: missing("source");
		TaskSpec task = null;
		String taskFrom = null;
		if (this.root.has("task") && this.root.has("task-from")) {
			this.file.problem(this.root.line("task-from"), "'task' and 'task-from' together",
					"keep 'task' to define the task here, or 'task-from' to use another job's task");
		}
		else if (this.root.has("task-from")) {
			taskFrom = this.root.requiredString("task-from");
		}
		else if (this.root.has("task")) {
			YamlMap taskMap = this.root.map("task");
			task = taskMap == null ? null : new TaskReader(this.file).read(taskMap);
		}
		else {
			this.file.problem(1, "missing key 'task'", "define 'task', or use 'task-from: <job>' to reuse the "
					+ "task of another job");
		}
		YamlMap outputs = this.root.map("outputs");
		YamlMap schedule = this.root.map("schedule");
		YamlMap model = this.root.map("model");
		return new Draft(this.file, name, this.root.line("name"), description, source, task, taskFrom,
				outputs == null ? OutputSpec.NONE : new OutputReader(this.file).read(outputs),
				schedule == null ? null : new ScheduleReader(this.file).read(schedule),
				model == null ? ModelSpec.DEFAULTS : new ModelReader(this.file).read(model), this.root.has("model"),
				partitions());
	}

	/** How many partitions runs are split into, for workers to share; 1 (the default) runs in one process. */
	private int partitions() {
		Integer partitions = this.root.integer("partitions");
		if (partitions == null) {
			return 1;
		}
		if (partitions < 1 || partitions > JobSpec.MAX_PARTITIONS) {
			this.file.problem(this.root.line("partitions"),
					"partitions must be 1 to " + JobSpec.MAX_PARTITIONS + ", not " + partitions,
					"1 runs the job in the process that starts it; more split each run for workers");
			return 1;
		}
		return partitions;
	}

	private <T> T missing(String key) {
		this.root.missing(key);
		return null;
	}

	private String name() {
		String name = this.root.requiredString("name");
		if (name != null && !JOB_NAME.matcher(name).matches()) {
			this.file.problem(this.root.line("name"), "job name '" + name + "' is not valid",
					"use 1 to 60 lowercase letters, digits and '-', starting with a letter or digit, e.g. '"
							+ name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "'");
			return null;
		}
		return name;
	}

}
