package dev.sift.review;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import dev.sift.output.Written;

/** The {@code result_correction} history: rows are only ever added. */
@Repository
class Corrections {

	private final JdbcTemplate jdbc;

	Corrections(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	void add(Correction correction) {
		JsonMapper json = JsonMapper.shared();
		this.jdbc.update("""
				INSERT INTO result_correction (result_id, action, field, old_value, new_value, corrected_by,
				    corrected_at, reason, written_to)
				VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?)""", correction.resultId(), correction.action().code(),
				correction.field(), correction.oldValue() == null ? null : json.writeValueAsString(correction.oldValue()),
				correction.newValue() == null ? null : json.writeValueAsString(correction.newValue()),
				correction.by(), Timestamp.from(correction.at()), correction.reason(), correction.writtenTo());
	}

	/** Every decision on a result, oldest first. */
	List<Correction> of(long resultId) {
		JsonMapper json = JsonMapper.shared();
		return this.jdbc.query("""
				SELECT result_id, action, field, old_value::text, new_value::text, corrected_by, corrected_at, reason,
				    written_to
				FROM result_correction WHERE result_id = ? ORDER BY corrected_at, id""",
				(row, number) -> new Correction(row.getLong(1), Correction.Action.valueOf(row.getString(2).toUpperCase(Locale.ROOT)),
						row.getString(3), row.getString(4) == null ? null : json.readValue(row.getString(4), Object.class),
						row.getString(5) == null ? null : json.readValue(row.getString(5), Object.class),
						row.getString(6), row.getTimestamp(7).toInstant(), row.getString(8), row.getString(9)),
				resultId);
	}

	/**
	 * One decision on a result.
	 *
	 * @param field the changed field of a {@code CORRECT}, else {@code null}
	 * @param oldValue the field's value before, {@code null} when it had none
	 * @param newValue the field's value after; of a {@code WRITE}, the values written by column
	 * @param reason why copy was rejected; optional otherwise
	 * @param writtenTo where a {@code WRITE} wrote, else {@code null}
	 */
	record Correction(long resultId, Action action, String field, Object oldValue, Object newValue, String by,
			Instant at, String reason, String writtenTo) {

		/** A decision's write to a results table or a source row. */
		static Correction write(long resultId, Written written, String by, Instant at) {
			return new Correction(resultId, Action.WRITE, null, null, written.values(), by, at, null, written.target());
		}

		enum Action {

			/** Labels or copy found right as they were. */
			ACCEPT,
			/** One field changed. */
			CORRECT, APPROVE, REJECT,
			/** A decision's values written outside the results store. */
			WRITE;

			public String code() {
				return name().toLowerCase(Locale.ROOT);
			}

		}

	}

}
