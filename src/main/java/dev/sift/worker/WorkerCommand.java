package dev.sift.worker;

import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.sift.cli.Command;
import dev.sift.cli.CommandLine;
import dev.sift.cli.UsageException;
import dev.sift.definition.JobSpec;
import dev.sift.job.SpecJobs;

/**
 * {@code worker}: this process processes partitions of runs started by any Sift process on the same database, until
 * it is stopped (SIGTERM hands its partitions in progress to other workers). The worker itself is up once the
 * application is: this only checks it is and says so.
 */
@Component
class WorkerCommand implements Command {

	private static final Logger log = LoggerFactory.getLogger(WorkerCommand.class);

	private final ObjectProvider<Worker> worker;

	private final SpecJobs jobs;

	WorkerCommand(ObjectProvider<Worker> worker, SpecJobs jobs) {
		this.worker = worker;
		this.jobs = jobs;
	}

	@Override
	public String name() {
		return CommandLine.WORKER;
	}

	@Override
	public String usage() {
		return ": process partitions of runs started anywhere on this database, until stopped";
	}

	@Override
	public int run(List<String> arguments) {
		if (!arguments.isEmpty()) {
			throw new UsageException("worker takes no arguments, got '" + String.join(" ", arguments) + "'");
		}
		Worker up = this.worker.getIfAvailable();
		if (up == null) {
			throw new UsageException("worker needs sift.worker.enabled=true; remove sift.worker.enabled=false");
		}
		log.info("Worker {} waits for partitions of runs of {}; stop it with SIGTERM (Ctrl-C), which hands its "
				+ "partitions in progress to other workers", up.name(),
				this.jobs.specs().all().stream().map(JobSpec::name).collect(Collectors.joining(", ")));
		return 0;
	}

}
