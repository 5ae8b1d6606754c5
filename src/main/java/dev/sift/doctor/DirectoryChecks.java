package dev.sift.doctor;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.sift.database.EmbeddedDatabaseProperties;
import dev.sift.definition.JobSpec;
import dev.sift.definition.JobSpecs;
import dev.sift.model.ModelFile;
import dev.sift.run.ServiceProperties;

/**
 * The file system's rows of {@code doctor}: the input directories runs started through the API read from, the
 * directories results CSVs and the embedded database are written to (by writing a file there, the one test that
 * holds whoever runs Sift), and the free space where they and the model lie.
 */
@Component
class DirectoryChecks {

	static final long WARN_BELOW = 1L << 30;

	static final long FAIL_BELOW = 100L << 20;

	private final JobSpecs specs;

	private final ServiceProperties service;

	private final ObjectProvider<EmbeddedDatabaseProperties> embedded;

	private final ObjectProvider<ModelFile> model;

	DirectoryChecks(JobSpecs specs, ServiceProperties service, ObjectProvider<EmbeddedDatabaseProperties> embedded,
			ObjectProvider<ModelFile> model) {
		this.specs = specs;
		this.service = service;
		this.embedded = embedded;
		this.model = model;
	}

	List<Finding> check() {
		List<Finding> findings = new ArrayList<>();
		this.service.inputDirs().forEach(dir -> findings.add(inputDirectory(dir)));
		Map<Path, String> written = outputDirectories();
		written.forEach((dir, purpose) -> findings.add(outputDirectory(dir, purpose)));
		Set<Path> spaces = new LinkedHashSet<>(written.keySet());
		this.model.ifAvailable(file -> spaces.add(file.path().toAbsolutePath().getParent()));
		findings.addAll(diskSpace(spaces));
		return findings;
	}

	/** Each directory written to, with what is written there. */
	private Map<Path, String> outputDirectories() {
		Map<Path, List<String>> jobs = new LinkedHashMap<>();
		for (JobSpec spec : this.specs.all()) {
			if (spec.outputs().csv() != null) {
				jobs.computeIfAbsent(Path.of(spec.outputs().csv()).toAbsolutePath().normalize().getParent(),
						dir -> new ArrayList<>())
					.add(spec.name());
			}
		}
		Map<Path, String> dirs = new LinkedHashMap<>();
		jobs.forEach((dir, names) -> dirs.put(dir, "results of " + String.join(", ", names)));
		EmbeddedDatabaseProperties database = this.embedded.getIfAvailable();
		if (database != null) {
			dirs.merge(database.dataDirectory().toAbsolutePath().normalize().getParent(), "the embedded database",
					(results, data) -> results + " and " + data);
		}
		return dirs;
	}

	private static Finding inputDirectory(Path dir) {
		String check = "input directory";
		Path absolute = dir.toAbsolutePath().normalize();
		if (!Files.isDirectory(absolute)) {
			return Finding.warn(check, absolute + " does not exist: runs started through the API cannot read from it",
					"create it, or set sift.service.input-dirs to the directories input files are put in");
		}
		if (!Files.isReadable(absolute)) {
			return Finding.fail(check, absolute + " is not readable", "let the user Sift runs as read it");
		}
		return Finding.pass(check, absolute + " readable");
	}

	private static Finding outputDirectory(Path dir, String purpose) {
		String check = "output directory";
		Path existing = nearestExisting(dir);
		if (!Files.isDirectory(existing)) {
			return Finding.fail(check, dir + " cannot be created: " + existing + " is a file, not a directory",
					"move that file, or point the job's outputs.csv (or sift.database.embedded.data-directory) elsewhere");
		}
		try {
			Files.delete(Files.createTempFile(existing, ".sift-doctor-", ".tmp"));
		}
		catch (IOException ex) {
			return Finding.fail(check, dir + " is not writable (" + ex.getMessage() + ")",
					"let the user Sift runs as write to " + existing + ", or point the output elsewhere");
		}
		return Finding.pass(check, dir + (existing.equals(dir) ? " writable" : " writable (created when needed)") + " for "
				+ purpose);
	}

	/** One row per file system, warning below 1 GiB free and failing below 100 MiB. */
	private static List<Finding> diskSpace(Set<Path> dirs) {
		Map<FileStore, Path> stores = new LinkedHashMap<>();
		List<Finding> findings = new ArrayList<>();
		for (Path dir : dirs) {
			Path existing = nearestExisting(dir);
			if (!Files.isDirectory(existing) && existing.getParent() != null) {
				existing = existing.getParent();
			}
			try {
				stores.putIfAbsent(Files.getFileStore(existing), existing);
			}
			catch (IOException ex) {
				findings.add(Finding.fail("disk space", existing + ": " + ex.getMessage(), "check the file system"));
			}
		}
		stores.forEach((store, dir) -> {
			try {
				long free = store.getUsableSpace();
				String value = String.format(Locale.ROOT, "%.1f GiB free at %s", free / (double) (1L << 30), dir);
				findings.add(free < FAIL_BELOW ? Finding.fail("disk space", value, "free space on that disk")
						: free < WARN_BELOW ? Finding.warn("disk space", value, "free space on that disk")
								: Finding.pass("disk space", value));
			}
			catch (IOException ex) {
				findings.add(Finding.fail("disk space", dir + ": " + ex.getMessage(), "check the file system"));
			}
		});
		return findings;
	}

	private static Path nearestExisting(Path dir) {
		Path existing = dir;
		while (existing != null && !Files.exists(existing)) {
			existing = existing.getParent();
		}
		return existing == null ? dir.getRoot() : existing;
	}

}
