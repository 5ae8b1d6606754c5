package dev.sift.definition;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.sift.cli.Command;

/**
 * {@code validate [JOB...]}: checks job specs against their data and prints {@code OK} or each problem with its
 * file and line, then what reading the data found, indented. Exits with 1 when a problem would make a run fail (a
 * missing column, a file that cannot be read to its end); records a run would store as failed are only listed.
 * A spec whose prompt does not fit the model's context ({@link SpecFitCheck}) is a problem too. Specs that are
 * invalid in themselves never get this far: Sift refuses to start and lists them.
 */
@Component
class ValidateCommand implements Command {

	private final JobSpecs specs;

	private final List<SpecCheck> checks;

	/** @param checks the source's check first, then those of outputs */
	ValidateCommand(JobSpecs specs, List<SpecCheck> checks) {
		this.specs = specs;
		this.checks = List.copyOf(checks);
	}

	@Override
	public String name() {
		return "validate";
	}

	@Override
	public String usage() {
		return "[JOB...]: check job specs and read the files or tables they name (all jobs when none is named)";
	}

	@Override
	public int run(List<String> arguments) {
		List<JobSpec> selected = arguments.isEmpty() ? this.specs.all()
				: arguments.stream().map(this.specs::get).toList();
		boolean allPass = true;
		for (JobSpec spec : selected) {
			List<SpecCheck.Result> results = this.checks.stream().map(check -> check.check(spec)).toList();
			if (results.stream().allMatch(SpecCheck.Result::passes)) {
				System.out.println("OK  " + spec.name() + "  (" + spec.file() + ")");
			}
			else {
				allPass = false;
				results.forEach(result -> result.problems().forEach(System.out::println));
			}
			results.forEach(result -> result.findings().forEach(finding -> System.out.println("    " + finding)));
		}
		return allPass ? 0 : 1;
	}

}
