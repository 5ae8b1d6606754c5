package dev.sift.api;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.sift.run.RunNotFoundException;
import dev.sift.worker.WorkerViews;
import dev.sift.worker.WorkerViews.PartitionView;
import dev.sift.worker.WorkerViews.WorkerView;

/** Scale-out, read only: the worker processes and the partitions of a run each of them took. */
@RestController
@Tag(name = "Workers", description = "Worker processes and the partitions of runs")
class WorkersController {

	private final WorkerViews views;

	WorkersController(WorkerViews views) {
		this.views = views;
	}

	@GetMapping("/api/workers")
	@Operation(summary = "Workers, those up first, newest first", description = """
			Each with what it runs, its last heartbeat (secondsSinceHeartbeat by the database's clock; \
			heartbeatOverdue once an up worker has been silent longer than sift.worker.lost-after), its state \
			(up, stopped, lost) and the partition it processes.""")
	List<WorkerView> workers() {
		return this.views.workers();
	}

	@GetMapping("/api/runs/{id}/partitions")
	@Operation(summary = "The partitions of a run", description = """
			In partition order: records, counts and status of each, the worker that has it, and every worker's \
			attempt at it with how it ended. Empty for a run that is not partitioned, 404 for an unknown run.""")
	List<PartitionView> partitions(@PathVariable long id) {
		return this.views.partitions(id).orElseThrow(() -> new RunNotFoundException(id));
	}

}
