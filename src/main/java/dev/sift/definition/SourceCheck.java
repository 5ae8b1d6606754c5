package dev.sift.definition;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.sift.source.BrokenQuoting;
import dev.sift.source.CsvFileReport;
import dev.sift.source.CsvSourceReader;
import dev.sift.source.CsvSourceSettings;
import dev.sift.source.PostgresSourceReader;
import dev.sift.support.ClosestName;

/**
 * Checks a spec against the data it names: that its files or its table exist and have the columns the spec uses,
 * and that each CSV file can be read to its end (every file is read whole, the way a run reads it, without the
 * model). Loading only checks a spec in itself; this needs the files and the database, so it runs on demand
 * ({@code validate}).
 */
@Component
@Order(0)
public class SourceCheck implements SpecCheck {

	/** Problem records listed per file; the rest are only counted. */
	private static final int EXAMPLES = 5;

	private final JdbcTemplate jdbc;

	public SourceCheck(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Checks the spec's files (each read whole) or its table; the problems are at the spec's lines. */
	@Override
	public Result check(JobSpec spec) {
		List<SpecProblem> problems = new ArrayList<>();
		List<String> findings = new ArrayList<>();
		if (spec.source() instanceof CsvSourceSpec csv) {
			checkCsv(spec, csv, problems, findings);
		}
		else if (spec.source() instanceof PostgresSourceSpec postgres) {
			checkPostgres(spec, postgres, problems, findings);
		}
		return new Result(problems, findings);
	}

	private void checkCsv(JobSpec spec, CsvSourceSpec csv, List<SpecProblem> problems, List<String> findings) {
		List<Path> files = CsvSourceSpec.files(csv.path());
		if (files.isEmpty()) {
			problems.add(problem(spec, "source.path", CsvSourceSpec.isGlob(csv.path()) ? "no file matches '" + csv.path() + "'"
					: "file '" + csv.path() + "' does not exist",
					"paths are relative to the working directory " + Path.of("").toAbsolutePath()));
			return;
		}
		for (Path file : files) {
			if (columnsFit(spec, csv, file, problems)) {
				readWhole(spec, csv.settingsFor(file), problems, findings);
			}
		}
	}

	/** The header has the columns the spec names (a file without one: its first row has as many fields). */
	private static boolean columnsFit(JobSpec spec, CsvSourceSpec csv, Path file, List<SpecProblem> problems) {
		int before = problems.size();
		List<String> firstRow;
		try {
			// Read as if it had a header, so a file without one shows its first row.
			firstRow = CsvSourceReader.header(new CsvSourceSettings(file, csv.idColumn(), csv.textColumns(),
					csv.extraColumns(), csv.delimiter(), csv.encoding(), List.of(), csv.skipLines(), csv.comment()));
		}
		catch (ItemStreamException ex) {
			problems.add(problem(spec, "source.path", ex.getMessage(), null));
			return false;
		}
		if (!csv.header()) {
			if (firstRow.size() != csv.columns().size()) {
				problems.add(problem(spec, "source.columns", "the first row of " + file + " has "
						+ firstRow.size() + " fields but 'columns' names " + csv.columns().size(), null));
			}
			return problems.size() == before;
		}
		List<String> header = firstRow.stream().map(String::strip).toList();
		String where = file + " has no column";
		if (!csv.idColumn().isEmpty()) {
			checkColumn(spec, "source.id-column", csv.idColumn(), header, where, problems);
		}
		csv.textColumns().forEach(column -> checkColumn(spec, "source.text-columns", column, header, where,
				problems));
		csv.extraColumns().forEach(column -> checkColumn(spec, "source.extra-columns", column, header, where,
				problems));
		spec.outputs().inputColumns().forEach(column -> checkColumn(spec, "outputs.input-columns", column, header,
				where, problems));
		return problems.size() == before;
	}

	/**
	 * Reads the whole file as a run would. Records a run stores as failed are findings, not problems: a run handles
	 * them and drops none. A file that cannot be read to its end is a problem, as it fails a run.
	 */
	private static void readWhole(JobSpec spec, CsvSourceSettings settings, List<SpecProblem> problems,
			List<String> findings) {
		CsvFileReport report;
		try {
			report = CsvSourceReader.report(settings, EXAMPLES);
		}
		catch (ItemStreamException ex) {
			problems.add(problem(spec, "source.path", ex.getMessage(), null));
			return;
		}
		findings.add(report.summary());
		report.firstProblems().forEach(reason -> findings.add("  " + reason));
		long unlisted = report.problemRecords() - report.firstProblems().size();
		if (unlisted > 0) {
			findings.add("  and " + unlisted + " more");
		}
		BrokenQuoting broken = report.broken();
		if (broken != null) {
			problems.add(problem(spec, "source.path", broken.summary(settings.file(), report.recordsBeforeBreak()),
					broken.fix()));
		}
	}

	private void checkPostgres(JobSpec spec, PostgresSourceSpec postgres, List<SpecProblem> problems,
			List<String> findings) {
		List<String> columns;
		String where;
		try {
			if (postgres.table() != null) {
				columns = PostgresSourceReader.columns(this.jdbc, postgres.table());
				where = "table '" + postgres.table() + "' has no column";
			}
			else {
				columns = queryColumns(postgres.query());
				where = "the query returns no column";
			}
		}
		catch (ItemStreamException ex) {
			problems.add(problem(spec, "source.table", ex.getMessage(), null));
			return;
		}
		catch (DataAccessException ex) {
			problems.add(problem(spec, "source.query", "the query fails: " + ex.getMostSpecificCause().getMessage(),
					null));
			return;
		}
		checkColumn(spec, "source.id-column", postgres.idColumn(), columns, where, problems);
		postgres.textColumns().forEach(column -> checkColumn(spec, "source.text-columns", column, columns, where,
				problems));
		postgres.extraColumns().forEach(column -> checkColumn(spec, "source.extra-columns", column, columns, where,
				problems));
		if (postgres.updatedAtColumn() != null) {
			checkColumn(spec, "source.updated-at-column", postgres.updatedAtColumn(), columns, where, problems);
		}
		for (Map.Entry<String, String> writeBack : spec.outputs().writeBack().entrySet()) {
			checkColumn(spec, "outputs.write-back." + writeBack.getKey(), writeBack.getValue(), columns, where,
					problems);
		}
		if (problems.isEmpty()) {
			long rows = new PostgresSourceReader(this.jdbc, postgres.settings()).countRecords();
			findings.add(postgres.settings().sourceName() + ": " + rows + (rows == 1 ? " row" : " rows"));
		}
	}

	/**
	 * The columns a query returns, found without reading a row. The transaction is read-only and rolled back, so even
	 * a query that slipped past the spec checks cannot change anything.
	 */
	private List<String> queryColumns(String query) {
		return this.jdbc.execute((ConnectionCallback<List<String>>) connection -> {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute("SET TRANSACTION READ ONLY");
				// Line breaks keep a trailing -- comment in the query from swallowing the wrapper.
				try (ResultSet rows = statement.executeQuery("SELECT * FROM (\n" + query + "\n) q LIMIT 0")) {
					ResultSetMetaData metaData = rows.getMetaData();
					List<String> columns = new ArrayList<>();
					for (int i = 1; i <= metaData.getColumnCount(); i++) {
						columns.add(metaData.getColumnLabel(i));
					}
					return columns;
				}
			}
			finally {
				connection.rollback();
				connection.setAutoCommit(autoCommit);
			}
		});
	}

	/** Matched as the readers match: exactly, or else ignoring case when only one column fits. */
	private static void checkColumn(JobSpec spec, String key, String column, List<String> columns, String where,
			List<SpecProblem> problems) {
		if (columns.contains(column)
				|| columns.stream().filter(found -> found.equalsIgnoreCase(column.strip())).count() == 1) {
			return;
		}
		Optional<String> closest = ClosestName.to(column, columns);
		problems.add(problem(spec, key, where + " '" + column + "'",
				closest.map(name -> "did you mean '" + name + "'?")
					.orElse("columns: " + String.join(", ", columns))));
	}

	private static SpecProblem problem(JobSpec spec, String key, String message, String suggestion) {
		return new SpecProblem(spec.file(), spec.lineOf(key), message, suggestion);
	}

}
