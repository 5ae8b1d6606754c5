package dev.sift.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.sift.testing.GateFile;
import dev.sift.testing.SiftProcess;

/**
 * What a database holds for one job on one input file: its result rows and the executions of its runs, for the
 * exactly-once checks after a fault. Rows are looked up the way Sift stores them, by job and the file's canonical
 * path.
 */
final class StoredResults {

	private final JdbcTemplate jdbc;

	private final String job;

	private final String source;

	StoredResults(DataSource dataSource, String job, Path input) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.job = job;
		try {
			this.source = input.toRealPath().toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No input " + input, ex);
		}
	}

	/** Result rows stored (committed) so far. */
	long count() {
		return this.jdbc.queryForObject("SELECT count(*) FROM classification_result WHERE job_name = ? AND source = ?",
				Long.class, this.job, this.source);
	}

	/** Rows of the input's records in a results table ({@code outputs.table}) so far. */
	long tableRows(String table) {
		return this.jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE source = ?", Long.class, this.source);
	}

	/** The record ids in a results table, each as often as it is there, with their status and topics' SQL type. */
	List<Map<String, Object>> tableRowsOf(String table) {
		return this.jdbc.queryForList("SELECT record_id, status, pg_typeof(topics)::text AS topics_type FROM " + table
				+ " WHERE source = ?", this.source);
	}

	/**
	 * Waits until at least one chunk has committed and the gated model holds a request of a later one: the run is
	 * in the middle of a chunk, and stays there until the gate lets the request go.
	 * @throws AssertionError when the process ends first or it takes longer than {@code patience}
	 */
	void awaitMidChunk(SiftProcess sift, GateFile gate, Duration patience) throws InterruptedException {
		long deadline = System.nanoTime() + patience.toNanos();
		while (!(gate.isHolding() && count() >= SiftCommand.CHUNK)) {
			if (!sift.isAlive() || System.nanoTime() - deadline > 0) {
				throw new AssertionError("Sift (pid " + sift.pid() + ") " + (sift.isAlive() ? "is still running" : "ended")
						+ " with " + count() + " results stored and " + (gate.isHolding() ? "a" : "no")
						+ " request held, see " + sift.log());
			}
			Thread.sleep(20);
		}
	}

	/** The rows compared with the records of the file. */
	Findings findings(Collection<String> recordIds) {
		List<String> stored = this.jdbc.queryForList(
				"SELECT record_id FROM classification_result WHERE job_name = ? AND source = ? ORDER BY id",
				String.class, this.job, this.source);
		Set<String> distinct = new HashSet<>(stored);
		List<String> missing = recordIds.stream().filter(id -> !distinct.contains(id)).toList();
		Set<String> expected = Set.copyOf(recordIds);
		List<String> unexpected = distinct.stream().filter(id -> !expected.contains(id)).sorted().toList();
		// created_at is the inserting transaction's time, updated_at the last upsert's: they differ for a row written
		// again, which means a committed chunk was processed a second time.
		long rewritten = this.jdbc.queryForObject("SELECT count(*) FROM classification_result WHERE job_name = ? "
				+ "AND source = ? AND updated_at <> created_at", Long.class, this.job, this.source);
		long promptVersions = this.jdbc.queryForObject("SELECT count(DISTINCT prompt_version) FROM "
				+ "classification_result WHERE job_name = ? AND source = ?", Long.class, this.job, this.source);
		return new Findings(recordIds.size(), stored.size(), distinct.size(), missing, unexpected, rewritten,
				promptVersions);
	}

	/** The executions of the job on this input, oldest first, with their process step's counts. */
	List<Execution> executions() {
		return new ArrayList<>(this.jdbc.query("""
				SELECT e.job_execution_id, e.job_instance_id, e.status, s.status AS step_status,
				    coalesce(s.read_count, 0) AS read_count, coalesce(s.write_count, 0) AS write_count,
				    coalesce(s.filter_count, 0) AS filter_count
				FROM batch_job_execution e
				JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
				JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id
				LEFT JOIN batch_step_execution s ON s.job_execution_id = e.job_execution_id AND s.step_name = 'process'
				WHERE i.job_name = ? AND p.parameter_name = 'input' AND p.parameter_value = ?
				ORDER BY e.job_execution_id
				""", (row, number) -> new Execution(row.getLong("job_execution_id"), row.getLong("job_instance_id"),
				row.getString("status"), row.getString("step_status"), row.getLong("read_count"),
				row.getLong("write_count"), row.getLong("filter_count")), this.job, this.source));
	}

	/**
	 * The stored rows against the file's records.
	 *
	 * @param rewritten rows written twice, by a chunk processed again after it had committed
	 * @param promptVersions prompt versions among the rows (one: every run used the same prompt and model)
	 */
	record Findings(int records, long rows, long distinctIds, List<String> missing, List<String> unexpected,
			long rewritten, long promptVersions) {

		boolean exactlyOnce() {
			return this.rows == this.records && this.distinctIds == this.records && this.missing.isEmpty()
					&& this.unexpected.isEmpty() && this.rewritten == 0 && this.promptVersions == 1;
		}

		@Override
		public String toString() {
			return this.records + " records: " + this.rows + " rows, " + this.distinctIds + " distinct ids, missing "
					+ this.missing + ", unexpected " + this.unexpected + ", " + this.rewritten + " written twice, "
					+ this.promptVersions + " prompt version(s)";
		}

	}

	/**
	 * One execution (a run or a restart of it) and its process step.
	 *
	 * @param stepStatus {@code null} when the execution ended before its process step began
	 */
	record Execution(long id, long instanceId, String status, String stepStatus, long read, long written,
			long unchanged) {

		@Override
		public String toString() {
			return "execution " + this.id + " " + this.status + " (process step " + this.stepStatus + ", read "
					+ this.read + ", written " + this.written + ", unchanged " + this.unchanged + ")";
		}

	}

}
