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

	private final SourceCheck sourceCheck;

	private final List<SpecFitCheck> fitChecks;

	ValidateCommand(JobSpecs specs, SourceCheck sourceCheck, List<SpecFitCheck> fitChecks) {
		this.specs = specs;
		this.sourceCheck = sourceCheck;
		this.fitChecks = List.copyOf(fitChecks);
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
			SourceCheck.Result result = this.sourceCheck.check(spec);
			List<SpecProblem> misfits = this.fitChecks.stream().flatMap(check -> check.check(spec).stream()).toList();
			if (result.passes() && misfits.isEmpty()) {
				System.out.println("OK  " + spec.name() + "  (" + spec.file() + ")");
			}
			else {
				allPass = false;
				result.problems().forEach(System.out::println);
				misfits.forEach(System.out::println);
			}
			result.findings().forEach(finding -> System.out.println("    " + finding));
		}
		return allPass ? 0 : 1;
	}

}
