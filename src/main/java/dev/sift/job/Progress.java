package dev.sift.job;

import java.time.Duration;

/**
 * How far a run has got and how fast it goes: the one computation behind the progress log lines, the API and the
 * runs pages.
 *
 * @param done records read so far, by this execution and the earlier ones of a resumed run
 * @param total the records the run reads in all, or {@code null} when not known yet
 * @param recordsPerSecond records this execution read per second of its time so far; {@code null} before it read any
 * @param etaSeconds seconds until every record is read at that speed; {@code null} when the speed or total is unknown
 */
public record Progress(long done, Long total, Double recordsPerSecond, Long etaSeconds) {

	/**
	 * @param doneBefore records read by earlier executions of the run
	 * @param doneNow records read by this execution
	 * @param elapsed this execution's time so far
	 */
	public static Progress of(long doneBefore, long doneNow, Long total, Duration elapsed) {
		double seconds = elapsed.toMillis() / 1000.0;
		Double rate = seconds > 0 && doneNow > 0 ? doneNow / seconds : null;
		long done = doneBefore + doneNow;
		Long eta = total == null || rate == null ? null : Math.round(Math.max(total - done, 0) / rate);
		return new Progress(done, total, rate, eta);
	}

	/** Done of the total, from 0 to 100; 100 for an empty source, {@code null} when the total is unknown. */
	public Double percent() {
		if (this.total == null) {
			return null;
		}
		return this.total == 0 ? 100.0 : Math.min(100.0, 100.0 * this.done / this.total);
	}

}
