package dev.sift.definition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import dev.sift.support.ClosestName;

/** Every job spec Sift knows, by name. */
public final class JobSpecs {

	private final Map<String, JobSpec> byName = new LinkedHashMap<>();

	public JobSpecs(List<JobSpec> specs) {
		specs.forEach(spec -> this.byName.put(spec.name(), spec));
	}

	/**
	 * Reads every {@code *.yml} and {@code *.yaml} file of a directory, in file name order.
	 * @throws InvalidJobSpecException listing every problem of every file, with file and line
	 * @throws IllegalStateException when the directory is missing or holds no spec
	 */
	public static JobSpecs load(Path directory) {
		if (!Files.isDirectory(directory)) {
			throw new IllegalStateException("No job specs: directory " + directory.toAbsolutePath()
					+ " does not exist; set sift.jobs.dir to the directory holding the jobs/*.yml files");
		}
		List<Path> files;
		try (Stream<Path> entries = Files.list(directory)) {
			files = entries.filter(Files::isRegularFile)
				.filter(file -> file.getFileName().toString().endsWith(".yml")
						|| file.getFileName().toString().endsWith(".yaml"))
				.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list job specs in " + directory.toAbsolutePath(), ex);
		}
		if (files.isEmpty()) {
			throw new IllegalStateException("No job specs: directory " + directory.toAbsolutePath()
					+ " holds no *.yml or *.yaml file; set sift.jobs.dir to the directory holding the job specs");
		}
		return new JobSpecs(JobSpecLoader.load(files));
	}

	public List<JobSpec> all() {
		return List.copyOf(this.byName.values());
	}

	public Optional<JobSpec> find(String name) {
		return Optional.ofNullable(this.byName.get(name));
	}

	/** The spec of a job, or an error that lists the jobs there are and suggests the closest name. */
	public JobSpec get(String name) {
		JobSpec spec = this.byName.get(name);
		if (spec == null) {
			throw new UnknownJobException(name, List.copyOf(this.byName.keySet()),
					ClosestName.to(name, List.copyOf(this.byName.keySet())).orElse(null));
		}
		return spec;
	}

}
