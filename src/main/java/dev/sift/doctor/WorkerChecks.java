package dev.sift.doctor;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import dev.sift.definition.JobSpec;
import dev.sift.definition.JobSpecs;
import dev.sift.job.SpecJobs;
import dev.sift.worker.WorkerViews;
import dev.sift.worker.WorkerViews.WorkerView;

/**
 * The workers row of {@code doctor}: which jobs are split into partitions, which workers are up to take them, and
 * whether each runs the model this process does (a worker refuses partitions of runs whose results are stored under
 * another model's prompt version).
 */
@Component
class WorkerChecks {

	private static final String CHECK = "workers";

	private final JobSpecs specs;

	private final WorkerViews workers;

	private final SpecJobs jobs;

	WorkerChecks(JobSpecs specs, WorkerViews workers, SpecJobs jobs) {
		this.specs = specs;
		this.workers = workers;
		this.jobs = jobs;
	}

	Finding check() {
		List<WorkerView> up;
		try {
			up = this.workers.workers().stream().filter(WorkerView::takesPartitions).toList();
		}
		catch (DataAccessException ex) {
			return Finding.fail(CHECK, "cannot be listed: " + ex.getMostSpecificCause().getMessage(),
					"fix the database (see the database row)");
		}
		String split = this.specs.all()
			.stream()
			.filter(spec -> spec.partitions() > 1)
			.map(spec -> spec.name() + " (" + spec.partitions() + " partitions)")
			.collect(Collectors.joining(", "));
		List<String> otherModel = up.stream()
			.filter(worker -> !worker.model().equals(this.jobs.modelName()))
			.map(worker -> worker.host() + ":" + worker.pid() + " runs " + worker.model())
			.toList();
		String found = (up.isEmpty() ? "none up"
				: up.size() + " up: " + up.stream()
					.map(worker -> worker.host() + ":" + worker.pid())
					.collect(Collectors.joining(", ")))
				+ "; " + (split.isEmpty() ? "no job is split into partitions" : "split: " + split);
		if (!otherModel.isEmpty()) {
			return Finding.warn(CHECK, found + "; " + String.join(", ", otherModel) + ", not " + this.jobs.modelName()
					+ ", so it refuses partitions of runs started here",
					"give every worker the same model file (sift.model.path) and job specs (sift.jobs.dir)");
		}
		if (up.isEmpty() && !split.isEmpty()) {
			return Finding.warn(CHECK, found + ": their runs wait until a worker is up",
					"start 'java -jar sift.jar worker' on a machine with the same database URL, the model and the "
							+ "input at the same path, or set sift.worker.enabled=true on a Sift service");
		}
		return Finding.pass(CHECK, found);
	}

}
