package dev.sift.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.springframework.batch.infrastructure.item.ItemStreamException;

import dev.sift.support.ClosestName;

/** Where the configured columns are in a file's header. */
record ColumnLayout(int fieldCount, int idIndex, List<Integer> textIndexes, Map<String, Integer> extraIndexes) {

	/** Delimiters files use, to recognise a file that uses another one than its spec says. */
	static final String LIKELY_DELIMITERS = ",;\t|";

	static final int NO_COLUMN = -1;

	/**
	 * @throws ItemStreamException naming every configured column that is missing or ambiguous, so a
	 *                             wrong header is fixed in one go rather than one column per run
	 */
	static ColumnLayout resolve(CsvRow header, CsvSourceSettings settings) {
		String delimiterHint = delimiterHint(header, settings.delimiter());
		// With the wrong delimiter every name is "close" to the one merged column, which helps nobody.
		Resolution resolution = new Resolution(header.values(), delimiterHint.isEmpty());
		int idIndex = settings.hasIdColumn() ? resolution.indexOf(settings.idColumn()) : NO_COLUMN;
		List<Integer> textIndexes = settings.textColumns().stream().map(resolution::indexOf).toList();
		Map<String, Integer> extraIndexes = new LinkedHashMap<>();
		settings.extraColumns().forEach(column -> extraIndexes.put(column, resolution.indexOf(column)));
		if (!resolution.errors.isEmpty()) {
			throw new ItemStreamException(settings.file() + ": " + String.join("; ", resolution.errors)
					+ "; columns found: " + String.join(", ", quoted(header.values())) + delimiterHint);
		}
		return new ColumnLayout(header.size(), idIndex, textIndexes, extraIndexes);
	}

	/** A header read as one single column usually means the file uses another delimiter. */
	private static String delimiterHint(CsvRow header, char delimiter) {
		if (header.size() != 1) {
			return "";
		}
		return LIKELY_DELIMITERS.chars()
				.filter(candidate -> candidate != delimiter && header.value(0).indexOf(candidate) >= 0)
				.mapToObj(candidate -> " (is the delimiter " + named((char) candidate) + " rather than "
						+ named(delimiter) + "?)")
				.findFirst()
				.orElse("");
	}

	/** A delimiter as a spec writes it: {@code ';'}, or {@code tab}. */
	static String named(char delimiter) {
		return delimiter == '\t' ? "tab" : "'" + delimiter + "'";
	}

	private static List<String> quoted(List<String> names) {
		return names.stream().map(name -> "'" + name + "'").toList();
	}

	/** Looks up configured columns and collects what is wrong instead of stopping at the first error. */
	private static final class Resolution {

		private final List<String> header;
		private final boolean suggestNames;
		private final List<String> errors = new ArrayList<>();

		Resolution(List<String> header, boolean suggestNames) {
			this.header = header;
			this.suggestNames = suggestNames;
		}

		int indexOf(String column) {
			List<Integer> matches = IntStream.range(0, header.size())
					.filter(index -> ClosestName.normalize(header.get(index)).equals(ClosestName.normalize(column)))
					.boxed()
					.toList();
			if (matches.isEmpty()) {
				errors.add("no column '" + column + "'" + suggestion(column));
				return -1;
			}
			if (matches.size() > 1) {
				errors.add("column '" + column + "' appears " + matches.size() + " times");
			}
			return matches.get(0);
		}

		private String suggestion(String column) {
			if (!suggestNames) {
				return "";
			}
			return ClosestName.to(column, header)
					.map(closest -> " (did you mean '" + closest + "'?)")
					.orElse("");
		}
	}
}
