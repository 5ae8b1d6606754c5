package dev.sift.worker;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Scale-out: this process as a worker that processes partitions of runs, and how lost workers are found.
 *
 * @param enabled process partitions of runs started anywhere (the {@code worker} command turns it on; {@code serve}
 * can be a worker too)
 * @param partitions how many partitions this worker processes at once, each with its own step; the model's slots
 * are shared by them
 * @param heartbeatInterval how often a worker records that it is alive (and what it is doing)
 * @param lostAfter a worker with no heartbeat for this long is lost: the manager of a run hands its partition to
 * another worker, which resumes it after its last committed chunk; at least twice the heartbeat interval
 * @param pollInterval how often an idle worker looks for a partition, and a manager for its partitions' states
 */
@Validated
@ConfigurationProperties("sift.worker")
public record WorkerProperties(@DefaultValue("false") boolean enabled,
		@DefaultValue("1") @Min(1) @Max(16) int partitions, @DefaultValue("10s") Duration heartbeatInterval,
		@DefaultValue("45s") Duration lostAfter, @DefaultValue("1s") Duration pollInterval) {

	public WorkerProperties {
		if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
			throw new IllegalArgumentException("sift.worker.heartbeat-interval must be positive, was "
					+ heartbeatInterval);
		}
		if (pollInterval.isNegative() || pollInterval.isZero()) {
			throw new IllegalArgumentException("sift.worker.poll-interval must be positive, was " + pollInterval);
		}
		if (lostAfter.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
			throw new IllegalArgumentException("sift.worker.lost-after (" + lostAfter + ") must be at least twice "
					+ "sift.worker.heartbeat-interval (" + heartbeatInterval + "), or a slow heartbeat loses a worker");
		}
	}

}
