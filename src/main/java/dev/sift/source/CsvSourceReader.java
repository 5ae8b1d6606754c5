package dev.sift.source;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * <p>
 * A run split into partitions reads one {@link CsvRange} of the file per reader: {@link #split} finds the ranges by
 * one pass that parses and validates the file as a whole-file read does, and a range's reader opens the file at the
 * range's first byte, numbering lines as in the file and knowing the ids seen before the range that recur in it, so
 * its records are exactly those a whole-file read hands out there. A restart parses again from the range's start.
 */
public class CsvSourceReader extends CountedSourceReader {

	private static final String BROKEN_LINE = "broken.line";

	private static final String SAME_PATH = "every worker of a run needs the input file at the same path";

	private final CsvSourceSettings settings;
	/** The range read, or {@code null} for the whole file. */
	private final CsvRange range;
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
		this.range = null;
	}

	/**
	 * A reader of one range of the file, as {@link #split} found it. It hands out the range's records, and fails at
	 * {@link #open} when the file is not the one that was split (another size or modification time).
	 */
	public CsvSourceReader(CsvSourceSettings settings, CsvRange range) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.range = Objects.requireNonNull(range, "range");
		if (!range.file().equals(settings.file())) {
			throw new IllegalArgumentException("the range is of " + range.file() + ", but the reader reads "
					+ settings.file());
		}
	}

	/**
	 * Splits the file into at most {@code partitions} ranges of whole records, as even as the records allow, by one
	 * pass over it; with {@code limit}, only its first {@code limit} records. The pass parses and validates the file
	 * as a whole-file read does, so the ranges hold the records a run would read: broken quoting ends the last range
	 * with the broken record. A file without records has one range of none.
	 *
	 * @throws IllegalArgumentException for more than one partition of a file whose encoding cannot be split (see
	 * {@link #splittable})
	 * @throws ItemStreamException when the file cannot be read at all, as {@link #open} does
	 */
	public static List<CsvRange> split(CsvSourceSettings settings, int partitions, Long limit) {
		if (partitions < 1) {
			throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
		}
		if (limit != null && limit < 0) {
			throw new IllegalArgumentException("limit must not be negative, was " + limit);
		}
		boolean splittable = splittable(settings.encoding());
		if (partitions > 1 && !splittable) {
			throw new IllegalArgumentException(settings.file() + " is encoded in " + settings.encoding().name()
					+ ", whose line breaks are not single bytes, so the file cannot be split into partitions: convert "
					+ "it to UTF-8, or use partitions: 1");
		}
		BasicFileAttributes attributes = attributes(settings.file(), "");
		CsvSourceReader reader = new CsvSourceReader(settings);
		reader.open(reader.openRows(splittable), 0, 0);
		try {
			return reader.split(partitions, limit == null ? Long.MAX_VALUE : limit, splittable, attributes);
		} finally {
			reader.close();
		}
	}

	/**
	 * Parses up to {@code wanted} records, remembering where each starts (its byte only when {@code splittable}),
	 * then cuts them into ranges whose record counts differ by one at most.
	 */
	private List<CsvRange> split(int partitions, long wanted, boolean splittable, BasicFileAttributes attributes) {
		RecordStarts starts = new RecordStarts();
		long lastLine = rows.linesRead();
		while (starts.count() < wanted && nextRow() != null) {
			long line = rows.rowStartLine();
			starts.add(splittable ? rows.startByte(line) : 0, line);
			// The parse of a broken record never ended: its first line is its last.
			lastLine = Math.max(rows.linesRead(), line);
		}
		long count = starts.count();
		int ranges = (int) Math.max(1, Math.min(partitions, count));
		long[] firstRecords = new long[ranges + 1];
		Arrays.setAll(firstRecords, index -> index * count / ranges);
		List<RecordStarts.Start> rangeStarts = count == 0 ? List.of(nextStart(splittable))
				: starts.at(Arrays.copyOf(firstRecords, ranges));
		List<CsvRange> split = new ArrayList<>(ranges);
		for (int index = 0; index < ranges; index++) {
			RecordStarts.Start start = rangeStarts.get(index);
			boolean last = index + 1 == ranges;
			long nextStartLine = last ? Long.MAX_VALUE : rangeStarts.get(index + 1).line();
			split.add(new CsvRange(index, ranges, settings.file(), start.byteOffset(), start.line(),
					last ? lastLine : nextStartLine - 1, firstRecords[index],
					firstRecords[index + 1] - firstRecords[index],
					earlierIds(validator.duplicateIds(), start.line(), nextStartLine), attributes.size(),
					attributes.lastModifiedTime().toMillis()));
		}
		return split;
	}

	/**
	 * Whether a file in this encoding can be read from the start of any of its lines: where {@code \n} and
	 * {@code \r} are the single bytes 0x0A and 0x0D, which the encodings that write them so (UTF-8, ISO-8859-x,
	 * windows-125x, ASCII and the like) use for nothing else. UTF-16 and UTF-32 cannot be split.
	 */
	static boolean splittable(Charset encoding) {
		return encoding.canEncode() && Arrays.equals("\n".getBytes(encoding), new byte[] { '\n' })
				&& Arrays.equals("\r".getBytes(encoding), new byte[] { '\r' });
	}

	@Override
	public void open(ExecutionContext executionContext) {
		if (range != null) {
			requireUnchanged(range);
		}
		open(openRows(false), recordsReadBefore(executionContext),
				executionContext.getLong(getExecutionContextKey(BROKEN_LINE), 0));
	}

	private void open(CsvRows opened, long readBefore, long brokenLine) {
		rows = opened;
		exhausted = false;
		parsed = range == null ? 0 : range.firstRecord();
		broken = null;
		pending = null;
		resumeCountAt(0);
		try {
			validator = new RowValidator(settings, ColumnLayout.resolve(header(), settings),
					range == null ? Map.of() : range.earlierIds());
			resume(readBefore, brokenLine);
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
	 * estimate of the time left; those of the range, as the split counted them, for a range's reader.
	 */
	@Override
	public long countRecords() {
		if (range != null) {
			return range.records();
		}
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
		reader.rows = reader.openRows(false);
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

	private CsvRows openRows(boolean countLineStarts) {
		try {
			return CsvRows.open(settings, start(), countLineStarts);
		} catch (IOException e) {
			throw new ItemStreamException("cannot read " + settings.file() + " (" + e + ")"
					+ (range == null ? "" : ": " + SAME_PATH), e);
		}
	}

	/**
	 * Where the rows start: at the file's start for a whole-file read and for the one range of a file that cannot be
	 * split, otherwise at the range's first record.
	 */
	private CsvRows.Start start() {
		return readsFromFileStart() ? CsvRows.Start.of(settings) : CsvRows.Start.of(range);
	}

	private boolean readsFromFileStart() {
		return range == null || !splittable(settings.encoding());
	}

	/**
	 * The header row, or for a file without one the configured names, as if they were its header. A range's reader
	 * reads it from the file's start, then its rows from the range's.
	 */
	private CsvRow header() {
		if (!settings.hasHeader()) {
			return new CsvRow(settings.columns(), 0);
		}
		return readsFromFileStart() ? readHeader() : new CsvRow(header(settings), 0);
	}

	/** Where the next record would start, for the one range of a file without records. */
	private RecordStarts.Start nextStart(boolean countedLineStarts) {
		long line = rows.linesRead() + 1;
		return new RecordStarts.Start(countedLineStarts ? rows.startByte(line) : 0, line);
	}

	/** The ids of {@code duplicates} first seen before {@code fromLine} that recur before {@code beforeLine}. */
	private static Map<String, Long> earlierIds(Map<String, List<Long>> duplicates, long fromLine, long beforeLine) {
		Map<String, Long> earlier = new HashMap<>();
		duplicates.forEach((id, lines) -> {
			long first = lines.get(0);
			if (first < fromLine && lines.stream().anyMatch(line -> line >= fromLine && line < beforeLine)) {
				earlier.put(id, first);
			}
		});
		return earlier;
	}

	/** A range is read only from the file it was split from; a file changed since would be misread. */
	private void requireUnchanged(CsvRange split) {
		BasicFileAttributes now = attributes(split.file(), ": " + SAME_PATH);
		if (now.size() != split.fileSize() || now.lastModifiedTime().toMillis() != split.lastModifiedMillis()) {
			throw new ItemStreamException(split.file() + " has changed since the run split it into partitions (then "
					+ split.fileSize() + " bytes, modified " + Instant.ofEpochMilli(split.lastModifiedMillis())
					+ "; now " + now.size() + " bytes, modified " + now.lastModifiedTime().toInstant()
					+ "), so its ranges no longer hold the same records: start a new run");
		}
	}

	private static BasicFileAttributes attributes(Path file, String hint) {
		try {
			return Files.readAttributes(file, BasicFileAttributes.class);
		} catch (IOException e) {
			throw new ItemStreamException("cannot read " + file + " (" + e + ")" + hint, e);
		}
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
		if (exhausted || (range != null && parsed == range.firstRecord() + range.records())) {
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
