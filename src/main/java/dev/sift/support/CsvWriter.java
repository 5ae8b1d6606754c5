package dev.sift.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The one CSV writer: RFC 4180 rows of the columns a caller chooses, each a name and how to get its value from a row.
 * Rows are written as they come, so a caller can stream rows from the database without holding them; a file is
 * written beside its target and moved into place, so readers never see half a file.
 *
 * @param <T> what one row is made from
 */
public final class CsvWriter<T> {

	private final List<Column<T>> columns;

	private final char delimiter;

	private CsvWriter(List<Column<T>> columns, char delimiter) {
		if (columns.isEmpty()) {
			throw new IllegalArgumentException("A CSV file needs at least one column");
		}
		this.columns = List.copyOf(columns);
		this.delimiter = delimiter;
	}

	/** Comma-separated rows of these columns. */
	public static <T> CsvWriter<T> of(List<Column<T>> columns) {
		return new CsvWriter<>(columns, ',');
	}

	/** The same columns with another delimiter (a tab for a tab-separated file). */
	public CsvWriter<T> withDelimiter(char delimiter) {
		return new CsvWriter<>(this.columns, delimiter);
	}

	/**
	 * Writes the header and every row {@code rows} hands over, then flushes; the writer stays open.
	 * @param rows called once with the consumer to hand each row to, in order
	 * @return the number of rows written
	 */
	public long write(Writer writer, Consumer<Consumer<T>> rows) {
		CSVFormat format = CSVFormat.RFC4180.builder()
			.setDelimiter(this.delimiter)
			.setHeader(this.columns.stream().map(Column::name).toArray(String[]::new))
			.get();
		try {
			CSVPrinter printer = new CSVPrinter(writer, format);
			long[] written = { 0 };
			rows.accept(row -> {
				print(printer, this.columns.stream().map(column -> column.valueOf(row)).toList());
				written[0]++;
			});
			printer.flush();
			return written[0];
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write CSV", ex);
		}
	}

	/**
	 * Writes a whole file: first to {@code <target>.part} beside it, then moved over the target in one step. A
	 * {@code .part} file left by a process killed while writing is replaced by the next write.
	 * @return the number of rows written
	 */
	public long writeFile(Path target, Charset charset, Consumer<Consumer<T>> rows) {
		Path absolute = target.toAbsolutePath();
		Path partial = absolute.resolveSibling(absolute.getFileName() + ".part");
		try {
			Files.createDirectories(absolute.getParent());
			long written;
			try (Writer writer = Files.newBufferedWriter(partial, charset)) {
				written = write(writer, rows);
			}
			Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			return written;
		}
		catch (IOException | RuntimeException ex) {
			deleteQuietly(partial, ex);
			if (ex instanceof IOException io) {
				throw new UncheckedIOException("Cannot write " + absolute, io);
			}
			throw (RuntimeException) ex;
		}
	}

	private static void print(CSVPrinter printer, List<String> values) {
		try {
			printer.printRecord(values);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write CSV", ex);
		}
	}

	private static void deleteQuietly(Path file, Exception failure) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			failure.addSuppressed(ex);
		}
	}

	/**
	 * One column: its header name and its value in a row; {@code null} values are written as empty cells.
	 *
	 * @param <T> what a row is made from
	 */
	public record Column<T>(String name, Function<T, ?> value) {

		public Column {
			Objects.requireNonNull(name, "name");
			Objects.requireNonNull(value, "value");
		}

		String valueOf(T row) {
			Object cell = this.value.apply(row);
			return cell == null ? "" : cell.toString();
		}

	}

}
