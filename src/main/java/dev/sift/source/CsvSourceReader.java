package dev.sift.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;

/**
 * Reads an RFC 4180 CSV file with a header row into {@link SourceRecord}s.
 * <p>
 * Bad rows become problem records instead of exceptions, so one broken line neither fails the job
 * nor disappears. Only an unusable file (missing, empty, header without the configured columns)
 * fails at {@link #open}.
 * <p>
 * Broken quoting is different: the parser cannot find the next record boundary after it, so the broken record is
 * handed out as a problem record, then the input ends, and {@link #unreadable()} says why the file could not be read
 * to its end, for the step to fail. Throwing instead would roll back the chunk and lose the records before it.
 * <p>
 * Restartable: the execution context holds the number of records handed out, and a reopened reader
 * parses past that many again, which also rebuilds the ids seen for duplicate detection. When the last one was a
 * broken record, the context holds its line too: a restart on the unchanged file finds the same break and ends
 * without handing anything out again, while on a file fixed since it goes on from the record that was broken.
 */
public class CsvSourceReader extends CountedSourceReader {

	private static final String BROKEN_LINE = "broken.line";

	private final CsvSourceSettings settings;
	private CsvRows rows;
	private RowValidator validator;
	private boolean exhausted;
	/** Records parsed since open, the skipped ones of a restart included. */
	private long parsed;
	private BrokenQuoting broken;
	private long parsedBeforeBreak;
	/** A record parsed while resuming that is still to be handed out. */
	private SourceRecord pending;

	public CsvSourceReader(CsvSourceSettings settings) {
		this.settings = Objects.requireNonNull(settings, "settings");
	}

	/** A reader of one range of the file, as {@link #split} found it. */
	public CsvSourceReader(CsvSourceSettings settings, CsvRange range) {
		throw new UnsupportedOperationException("to be written");
	}

	/**
	 * Splits the file into at most {@code partitions} ranges of whole records, as even as the records allow, by one
	 * pass over it; with {@code limit}, only its first {@code limit} records.
	 */
	public static List<CsvRange> split(CsvSourceSettings settings, int partitions, Long limit) {
		throw new UnsupportedOperationException("to be written");
	}

	@Override
	public void open(ExecutionContext executionContext) {
		rows = openRows();
		exhausted = false;
		parsed = 0;
		broken = null;
		pending = null;
		resumeCountAt(0);
		try {
			validator = new RowValidator(settings, ColumnLayout.resolve(header(), settings));
			resume(recordsReadBefore(executionContext), executionContext.getLong(getExecutionContextKey(BROKEN_LINE), 0));
		} catch (RuntimeException e) {
			close();
			throw e;
		}
	}

	@Override
	protected SourceRecord readNext() {
		if (rows == null) {
			throw new IllegalStateException("reader for " + settings.file() + " is not open");
		}
		SourceRecord next = pending != null ? pending : nextRecord();
		pending = null;
		return next;
	}

	/**
	 * Why the file could not be read to its end, once reading has stopped at broken quoting: the file, the line, the
	 * cause, the records read before it and how to fix it. Empty while it can be read on, and after a complete read.
	 */
	@Override
	public Optional<String> unreadable() {
		return Optional.ofNullable(pending == null ? broken : null)
			.map(quoting -> quoting.summary(settings.file(), parsedBeforeBreak) + ". The record on line "
					+ quoting.line() + " is stored as failed. To fix it: " + quoting.fix()
					+ "; then run the job again: a restart resumes at line " + quoting.line() + ".");
	}

	@Override
	public void update(ExecutionContext executionContext) {
		super.update(executionContext);
		if (broken != null && pending == null) {
			executionContext.putLong(getExecutionContextKey(BROKEN_LINE), broken.line());
		}
		else {
			executionContext.remove(getExecutionContextKey(BROKEN_LINE));
		}
	}

	/**
	 * Records in the whole file, problem records included, counted by a separate pass so progress can show an
	 * estimate of the time left.
	 */
	@Override
	public long countRecords() {
		CsvSourceReader counter = new CsvSourceReader(settings);
		counter.open(new ExecutionContext());
		try {
			long count = 0;
			while (counter.read() != null) {
				count++;
			}
			return count;
		} finally {
			counter.close();
		}
	}

	/**
	 * Reads the whole file the way a run does, without a model, and reports what a run would make of it.
	 *
	 * @param examples how many problem records to keep the reasons of
	 * @throws ItemStreamException when the file cannot be read at all, as {@link #open} does
	 */
	public static CsvFileReport report(CsvSourceSettings settings, int examples) {
		CsvSourceReader reader = new CsvSourceReader(settings);
		reader.open(new ExecutionContext());
		try {
			long records = 0;
			long problemRecords = 0;
			List<String> firstProblems = new ArrayList<>();
			for (SourceRecord record = reader.read(); record != null; record = reader.read()) {
				records++;
				if (record.hasProblem()) {
					problemRecords++;
					if (firstProblems.size() < examples) {
						firstProblems.add(record.problem());
					}
				}
			}
			return new CsvFileReport(settings.file(), records, problemRecords, reader.validator.problemCounts(),
					reader.validator.duplicateIds(), firstProblems, reader.broken, reader.parsedBeforeBreak);
		} finally {
			reader.close();
		}
	}

	/**
	 * Reads the whole file the way a run does and hands each record to {@code action}, in file order, with the
	 * row's values in the header's column order: its id is the one a run stores it under (a duplicated or missing id
	 * is {@code line-N}). A row that could not be split into the header's columns (the wrong number of fields, broken
	 * quoting) comes with no values. Reading ends at broken quoting, as a run's does.
	 *
	 * @throws ItemStreamException when the file cannot be read at all, as {@link #open} does
	 */
	public static void forEachRow(CsvSourceSettings settings, BiConsumer<SourceRecord, List<String>> action) {
		CsvSourceReader reader = new CsvSourceReader(settings);
		reader.open(new ExecutionContext());
		try {
			for (Row row = reader.nextRow(); row != null; row = reader.nextRow()) {
				action.accept(row.record(), row.values());
			}
		} finally {
			reader.close();
		}
	}

	/**
	 * The column names of a file's header row (or the configured names of a file without one), for callers that
	 * adapt to the columns a file has.
	 */
	public static List<String> header(CsvSourceSettings settings) {
		if (!settings.hasHeader()) {
			return settings.columns();
		}
		CsvSourceReader reader = new CsvSourceReader(settings);
		reader.rows = reader.openRows();
		try {
			return reader.readHeader().values();
		} finally {
			reader.close();
		}
	}

	@Override
	public void close() {
		if (rows == null) {
			return;
		}
		try {
			rows.close();
		} catch (IOException e) {
			throw new ItemStreamException("cannot close " + settings.file(), e);
		} finally {
			rows = null;
		}
	}

	private CsvRows openRows() {
		try {
			return CsvRows.open(settings);
		} catch (IOException e) {
			throw new ItemStreamException("cannot read " + settings.file() + " (" + e + ")", e);
		}
	}

	/** The header row, or for a file without one the configured names, as if they were its header. */
	private CsvRow header() {
		return settings.hasHeader() ? readHeader() : new CsvRow(settings.columns(), 0);
	}

	private CsvRow readHeader() {
		CsvRow header;
		try {
			header = rows.next();
		} catch (MalformedCsvException e) {
			BrokenQuoting quoting = BrokenQuoting.diagnose(settings, e);
			throw new ItemStreamException(settings.file() + " line " + e.line() + ": cannot parse the header: "
					+ quoting.cause() + " (" + quoting.fix() + ")", e);
		}
		if (header == null) {
			throw new ItemStreamException(settings.file() + " is empty: expected a header row naming the columns '"
					+ settings.idColumn() + "' and " + settings.textColumns());
		}
		return header;
	}

	/**
	 * Parses past the records an earlier execution handed out. When the last of them was a broken record, it is
	 * parsed again: the same break ends the input without handing it out twice; anything else (the file was fixed
	 * since) is handed out next, in place of it.
	 */
	private void resume(long count, long brokenLine) {
		if (brokenLine == 0 || count == 0) {
			skip(count);
			resumeCountAt(count);
			return;
		}
		skip(count - 1);
		SourceRecord last = nextRecord();
		if (broken != null && broken.line() == brokenLine) {
			resumeCountAt(count);
			return;
		}
		pending = last;
		resumeCountAt(count - 1);
	}

	private void skip(long count) {
		for (long skipped = 0; skipped < count; skipped++) {
			if (nextRecord() == null) {
				throw new ItemStreamException(settings.file() + " holds " + skipped + " records but an earlier run "
						+ "already read " + count + "; the file has changed since, so start a new job instead of "
						+ "restarting");
			}
		}
	}

	private SourceRecord nextRecord() {
		Row row = nextRow();
		return row == null ? null : row.record();
	}

	private Row nextRow() {
		if (exhausted) {
			return null;
		}
		try {
			CsvRow row = rows.next();
			exhausted = row == null;
			if (exhausted) {
				return null;
			}
			parsed++;
			return new Row(validator.validate(row), validator.fits(row) ? row.values() : List.of());
		} catch (MalformedCsvException e) {
			exhausted = true;
			broken = BrokenQuoting.diagnose(settings, e);
			parsedBeforeBreak = parsed;
			parsed++;
			return new Row(SourceRecord.problem(settings.file().toString(), broken.line(), broken.rawLine(),
					broken.reason()), List.of());
		}
	}

	/** A record and the values of its row, none when the row could not be split into the header's columns. */
	private record Row(SourceRecord record, List<String> values) {
	}
}
