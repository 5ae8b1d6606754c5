package dev.sift.source;

import java.util.List;

/** The raw values of one CSV record and the physical line it starts on. */
record CsvRow(List<String> values, long line) {

	CsvRow {
		values = List.copyOf(values);
	}

	int size() {
		return values.size();
	}

	String value(int index) {
		return values.get(index);
	}

	/** An empty or whitespace-only line parses as one blank value: it holds no record, so skipping it loses nothing. */
	boolean isBlankLine() {
		return values.size() == 1 && values.get(0).isBlank();
	}
}
