package dev.sift.source;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;

/**
 * Reads an RFC 4180 CSV file with a header row into {@link SourceRecord}s.
 * <p>
 * Bad rows become problem records instead of exceptions, so one broken line neither fails the job
 * nor disappears. Only an unusable file (missing, empty, header without the configured columns)
 * fails at {@link #open}.
 * <p>
 * Restartable: the execution context holds the number of records handed out, and a reopened reader
 * parses past that many again, which also rebuilds the ids seen for duplicate detection.
 */
public class CsvSourceReader extends CountedSourceReader {

	private final CsvSourceSettings settings;
	private CsvRows rows;
	private RowValidator validator;
	private boolean exhausted;

	public CsvSourceReader(CsvSourceSettings settings) {
		this.settings = Objects.requireNonNull(settings, "settings");
	}

	@Override
	public void open(ExecutionContext executionContext) {
		rows = openRows();
		exhausted = false;
		resumeCountAt(0);
		try {
			validator = new RowValidator(settings, ColumnLayout.resolve(header(), settings));
			skipRecordsReadBefore(recordsReadBefore(executionContext));
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
		return nextRecord();
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
			throw new ItemStreamException(settings.file() + " line " + e.line() + ": cannot parse the header ("
					+ e.getMessage() + ")", e);
		}
		if (header == null) {
			throw new ItemStreamException(settings.file() + " is empty: expected a header row naming the columns '"
					+ settings.idColumn() + "' and " + settings.textColumns());
		}
		return header;
	}

	private void skipRecordsReadBefore(long count) {
		for (long skipped = 0; skipped < count; skipped++) {
			if (nextRecord() == null) {
				throw new ItemStreamException(settings.file() + " holds " + skipped + " records but an earlier run "
						+ "already read " + count + "; the file has changed since, so start a new job instead of "
						+ "restarting");
			}
		}
		resumeCountAt(count);
	}

	private SourceRecord nextRecord() {
		if (exhausted) {
			return null;
		}
		try {
			CsvRow row = rows.next();
			exhausted = row == null;
			return exhausted ? null : validator.validate(row);
		} catch (MalformedCsvException e) {
			// The parser cannot find the next record boundary after broken quoting, so reading stops here.
			exhausted = true;
			return SourceRecord.problem(settings.file().toString(), e.line(), "",
					"broken quoting, probably an unterminated quote (" + e.getMessage()
							+ "); nothing from this line to the end of the file could be read");
		}
	}
}
