package dev.sift.model;

import java.time.Duration;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs how a download advances: at most once per interval, so a 1 GB model does not flood the log, and once more when
 * it completes.
 */
final class DownloadProgress {

	static final long UNKNOWN_TOTAL = -1;

	private static final Logger log = LoggerFactory.getLogger(DownloadProgress.class);

	private static final double MIB = 1024.0 * 1024.0;

	private final String name;

	private final long total;

	private final long resumedFrom;

	private final long intervalNanos;

	private final long startNanos;

	private long lastLogNanos;

	private long done;

	DownloadProgress(String name, long resumedFrom, long total, Duration interval) {
		this.name = name;
		this.total = total;
		this.resumedFrom = resumedFrom;
		this.done = resumedFrom;
		this.intervalNanos = interval.toNanos();
		this.startNanos = System.nanoTime();
		this.lastLogNanos = startNanos;
	}

	void advance(int bytes) {
		done += bytes;
		long now = System.nanoTime();
		if (done == total || now - lastLogNanos >= intervalNanos) {
			lastLogNanos = now;
			log.info(describe(now));
		}
	}

	/** Logs the final amount when no total told {@link #advance} that the end was reached. */
	void finish() {
		if (total == UNKNOWN_TOTAL) {
			log.info(describe(System.nanoTime()));
		}
	}

	long done() {
		return done;
	}

	long total() {
		return total;
	}

	boolean isIncomplete() {
		return total != UNKNOWN_TOTAL && done < total;
	}

	private String describe(long now) {
		double seconds = Math.max(now - startNanos, 1) / 1e9;
		// Bytes resumed from an earlier run were not transferred now, so they must not inflate the speed.
		double bytesPerSecond = (done - resumedFrom) / seconds;
		String speed = format("%.1f MiB/s", bytesPerSecond / MIB);
		if (total == UNKNOWN_TOTAL) {
			return format("Downloading %s: %.1f MiB of unknown total, %s", name, done / MIB, speed);
		}
		return format("Downloading %s: %.1f / %.1f MiB (%.1f%%), %s, ETA %s", name, done / MIB, total / MIB,
				100.0 * done / Math.max(total, 1), speed, eta(bytesPerSecond));
	}

	private String eta(double bytesPerSecond) {
		if (bytesPerSecond <= 0) {
			return "unknown";
		}
		long seconds = (long) Math.ceil((total - done) / bytesPerSecond);
		return format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
	}

	private static String format(String pattern, Object... args) {
		return String.format(Locale.ROOT, pattern, args);
	}

}
