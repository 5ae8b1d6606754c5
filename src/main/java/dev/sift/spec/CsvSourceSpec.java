package dev.sift.spec;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import dev.sift.source.CsvSourceSettings;

/**
 * A CSV (or TSV) file, or every file matching a glob.
 *
 * @param path a file, or a glob such as {@code incoming/*.csv}, relative to the working directory
 * @param idColumn the column identifying a record; empty when the file has none (records are then identified by
 * the line they start on)
 * @param header whether the first row names the columns; without one, {@code columns} names them
 * @param columns the column names of a file without a header row, in file order; empty otherwise
 */
public record CsvSourceSpec(String path, char delimiter, Charset encoding, boolean header, List<String> columns,
		String idColumn, List<String> textColumns, List<String> extraColumns) implements SourceSpec {

	public CsvSourceSpec {
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(encoding, "encoding");
		columns = List.copyOf(columns);
		idColumn = idColumn == null ? "" : idColumn;
		textColumns = List.copyOf(textColumns);
		extraColumns = List.copyOf(extraColumns);
	}

	/** How to read one file of this source. */
	public CsvSourceSettings settingsFor(Path file) {
		return new CsvSourceSettings(file, this.idColumn, this.textColumns, this.extraColumns, this.delimiter,
				this.encoding, this.header ? List.of() : this.columns);
	}

}
