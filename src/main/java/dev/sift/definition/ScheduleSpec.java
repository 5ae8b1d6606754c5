package dev.sift.definition;

import java.time.ZoneId;
import java.util.Objects;

/**
 * When a job runs unattended.
 *
 * @param cron a Spring cron expression with six fields (second minute hour day month weekday)
 * @param zone the time zone the expression is read in
 * @param catchUp whether a run missed while Sift was down is started when it comes back (otherwise it is only
 * reported)
 */
public record ScheduleSpec(String cron, ZoneId zone, boolean catchUp) {

	public ScheduleSpec {
		Objects.requireNonNull(cron, "cron");
		Objects.requireNonNull(zone, "zone");
	}

}
