package dev.sift.output;

import java.util.List;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.sift.definition.JobSpec;
import dev.sift.definition.SpecCheck;
import dev.sift.definition.SpecProblem;

/** {@code validate}'s check of a job's results table: its schema exists, and an existing table fits the job. */
@Component
@Order(1)
class ResultsTableCheck implements SpecCheck {

	private final Outputs outputs;

	ResultsTableCheck(Outputs outputs) {
		this.outputs = outputs;
	}

	@Override
	public Result check(JobSpec spec) {
		if (spec.outputs().resultsTable().isEmpty()) {
			return new Result(List.of(), List.of());
		}
		int line = spec.lineOf("outputs.table");
		List<SpecProblem> problems = this.outputs.tableProblems(spec)
			.stream()
			.map(problem -> new SpecProblem(spec.file(), line, "results table " + spec.outputs().table() + ": " + problem,
					"Sift never alters a table it did not create: drop it, change it, or name another"))
			.toList();
		String finding = this.outputs.existingTable(spec)
			.map(table -> "results table " + table + " exists")
			.orElse("results table " + spec.outputs().table() + " is created by the first run");
		return new Result(problems, problems.isEmpty() ? List.of(finding) : List.of());
	}

}
