package dev.sift.api;

import java.util.List;

import dev.sift.definition.ClassifySpec;
import dev.sift.definition.CsvSourceSpec;
import dev.sift.definition.FieldSpec;
import dev.sift.definition.JobSpec;

/**
 * A job spec as API clients see it: what it reads, what it asks of the model, and when it runs.
 *
 * @param source {@code csv} or {@code postgres}
 * @param task {@code classify} or {@code generate}
 * @param schedule when the job runs unattended, or {@code null}
 */
record JobView(String name, String description, String source, String task, List<Field> fields, Schedule schedule) {

	static JobView of(JobSpec spec) {
		return new JobView(spec.name(), spec.description(), spec.source() instanceof CsvSourceSpec ? "csv" : "postgres",
				spec.task() instanceof ClassifySpec ? "classify" : "generate",
				spec.task().fields().stream().map(Field::of).toList(),
				spec.scheduleIfAny()
					.map(schedule -> new Schedule(schedule.cron(), schedule.zone().getId(), schedule.catchUp()))
					.orElse(null));
	}

	/**
	 * One field of the reply.
	 *
	 * @param type {@code label}, {@code labels}, {@code text}, {@code list}, {@code number}, {@code integer} or
	 * {@code boolean}
	 * @param labels the allowed labels of a label field, in order; empty for other types
	 */
	record Field(String name, String type, String description, List<String> labels) {

		static Field of(FieldSpec field) {
			return new Field(field.name(), field.type().code(), field.description(),
					List.copyOf(field.labels().keySet()));
		}

	}

	/** @param cron six fields: second minute hour day month weekday */
	record Schedule(String cron, String zone, boolean catchUp) {
	}

}
