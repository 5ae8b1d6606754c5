package dev.sift.definition;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One analysis, as written in a {@code jobs/*.yml} file: where records come from, what the model does with each, and
 * where results go. Specs are checked when they are loaded, so a {@code JobSpec} is always consistent in itself;
 * whether its columns exist is checked against the data by {@link SourceCheck}.
 *
 * @param name the job's name, unique among all specs; also the Spring Batch job name
 * @param file the file the spec was read from
 * @param schedule when the job runs unattended, or {@code null}
 * @param partitions how many partitions each run is split into, for workers to process ({@code 1}: the process that
 * starts the run reads the whole source itself); a run's {@code partitions} parameter overrides it
 * @param lines the line in {@code file} of each key, by dotted path ({@code source.text-columns},
 * {@code task.fields[1].labels}), so later checks can point at the right line
 */
public record JobSpec(String name, String description, Path file, SourceSpec source, TaskSpec task,
		OutputSpec outputs, ScheduleSpec schedule, ModelSpec model, int partitions, Map<String, Integer> lines) {

	/** The most partitions a run may be split into. */
	public static final int MAX_PARTITIONS = 256;

	public JobSpec {
		Objects.requireNonNull(name, "name");
		description = description == null ? "" : description;
		Objects.requireNonNull(file, "file");
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(task, "task");
		outputs = outputs == null ? OutputSpec.NONE : outputs;
		model = model == null ? ModelSpec.DEFAULTS : model;
		lines = Map.copyOf(lines);
		if (partitions < 1) {
			throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
		}
	}

	/** The line of a key, or of the closest enclosing key that has one, or 1. */
	public int lineOf(String path) {
		String key = path;
		while (true) {
			Integer line = this.lines.get(key);
			if (line != null) {
				return line;
			}
			int cut = Math.max(key.lastIndexOf('.'), key.lastIndexOf('['));
			if (cut <= 0) {
				return 1;
			}
			key = key.substring(0, cut);
		}
	}

	public Optional<ScheduleSpec> scheduleIfAny() {
		return Optional.ofNullable(this.schedule);
	}

}
