package dev.sift.definition;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.sift.cli.Command;

/**
 * {@code validate [JOB...]}: checks job specs against their data and prints {@code OK} or each problem with its
 * file and line. Specs that are invalid in themselves never get this far: Sift refuses to start and lists them.
 */
@Component
class ValidateCommand implements Command {

	private final JobSpecs specs;

	private final SourceCheck sourceCheck;

	ValidateCommand(JobSpecs specs, SourceCheck sourceCheck) {
		this.specs = specs;
		this.sourceCheck = sourceCheck;
	}

	@Override
	public String name() {
		return "validate";
	}

	@Override
	public String usage() {
		return "[JOB...]: check job specs and the files or tables they read (all jobs when none is named)";
	}

	@Override
	public int run(List<String> arguments) {
		List<JobSpec> selected = arguments.isEmpty() ? this.specs.all()
				: arguments.stream().map(this.specs::get).toList();
		boolean allPass = true;
		for (JobSpec spec : selected) {
			List<SpecProblem> problems = this.sourceCheck.check(spec);
			if (problems.isEmpty()) {
				System.out.println("OK  " + spec.name() + "  (" + spec.file() + ")");
			}
			else {
				allPass = false;
				problems.forEach(System.out::println);
			}
		}
		return allPass ? 0 : 1;
	}

}
