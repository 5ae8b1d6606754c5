package dev.sift.definition;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

import org.springframework.scheduling.support.CronExpression;

import dev.sift.support.ClosestName;

/** Reads the {@code schedule} section of a spec: when a job runs by itself. */
final class ScheduleReader {

	private static final List<String> SCHEDULE_KEYS = List.of("cron", "zone", "catch-up");

	private final SpecFile file;

	ScheduleReader(SpecFile file) {
		this.file = file;
	}

	ScheduleSpec read(YamlMap schedule) {
		int before = this.file.problemCount();
		schedule.allowOnly(SCHEDULE_KEYS);
		String cron = schedule.requiredString("cron");
		if (cron != null) {
			try {
				CronExpression.parse(cron);
			}
			catch (IllegalArgumentException ex) {
				this.file.problem(schedule.line("cron"), "cron '" + cron + "' is not valid: " + ex.getMessage(),
						"six fields: second minute hour day month weekday, e.g. \"0 0 2 * * *\"");
			}
		}
		ZoneId zone = ZoneId.of("UTC");
		String zoneId = schedule.optionalString("zone");
		if (zoneId != null) {
			try {
				zone = ZoneId.of(zoneId);
			}
			catch (DateTimeException ex) {
				this.file.problem(schedule.line("zone"), "unknown time zone '" + zoneId + "'",
						ClosestName.to(zoneId, List.copyOf(ZoneId.getAvailableZoneIds()))
							.map(closest -> "did you mean '" + closest + "'?")
							.orElse("e.g. UTC or Europe/Berlin"));
			}
		}
		Boolean catchUp = schedule.bool("catch-up");
		return this.file.problemCount() > before ? null
				: new ScheduleSpec(cron, zone, catchUp != null && catchUp);
	}

}
