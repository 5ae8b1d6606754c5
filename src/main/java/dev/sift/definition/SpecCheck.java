package dev.sift.definition;

import java.util.List;

/**
 * A check of a spec against the data and database it names, run by {@code validate}: loading only checks a spec in
 * itself. {@link SourceCheck} checks the source; a feature that writes somewhere the spec names adds its own check as
 * a bean.
 */
public interface SpecCheck {

	Result check(JobSpec spec);

	/**
	 * What checking a spec found.
	 *
	 * @param problems what makes a run fail, each at the spec's line of the key concerned; empty when all fits
	 * @param findings what the check saw, worth knowing but no reason to fail: for a source, the records per file or
	 * table and those a run would store as failed, with the first few of them
	 */
	record Result(List<SpecProblem> problems, List<String> findings) {

		public Result {
			problems = List.copyOf(problems);
			findings = List.copyOf(findings);
		}

		public boolean passes() {
			return this.problems.isEmpty();
		}

	}

}
