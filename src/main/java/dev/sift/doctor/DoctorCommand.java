package dev.sift.doctor;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.sift.cli.Command;

/**
 * {@code doctor}: checks what Sift needs to run well and prints one row per check, PASS, WARN or FAIL, with what it
 * found and, when it did not pass, what to do: the model file and its checksum, the native library and what
 * llama.cpp offloads to the GPU, the slots and whether each job's prompt fits one, the database and its durability,
 * the workers for jobs split into partitions, the input and output directories, and the free disk space. Exits with 0
 * when every check passes, 2 when some only warn, and 1 when any fails.
 */
@Component
class DoctorCommand implements Command {

	static final int WARNINGS = 2;

	private final ModelChecks model;

	private final DatabaseChecks database;

	private final DirectoryChecks directories;

	private final WorkerChecks workers;

	DoctorCommand(ModelChecks model, DatabaseChecks database, DirectoryChecks directories, WorkerChecks workers) {
		this.model = model;
		this.database = database;
		this.directories = directories;
		this.workers = workers;
	}

	@Override
	public String name() {
		return "doctor";
	}

	@Override
	public String usage() {
		return "[--spring.profiles.active=gpu]: check the model, native library, GPU offload, slots, database, "
				+ "workers and directories, one row each (exit 0: all pass, 2: warnings, 1: a failure)";
	}

	@Override
	public int run(List<String> arguments) {
		List<Finding> findings = new ArrayList<>();
		findings.addAll(this.model.check());
		findings.addAll(this.database.check());
		findings.add(this.workers.check());
		findings.addAll(this.directories.check());
		System.out.print(DoctorTable.of(findings));
		if (findings.stream().anyMatch(finding -> finding.status() == Finding.Status.FAIL)) {
			return 1;
		}
		return findings.stream().anyMatch(finding -> finding.status() == Finding.Status.WARN) ? WARNINGS : 0;
	}

}
