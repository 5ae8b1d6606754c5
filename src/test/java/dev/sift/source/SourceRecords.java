package dev.sift.source;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/** Reads a whole source the way a step would. */
final class SourceRecords {

	private SourceRecords() {
	}

	static List<SourceRecord> readAll(CsvSourceSettings settings) {
		return readAll(new CsvSourceReader(settings));
	}

	static List<SourceRecord> readAll(CountingSource reader) {
		return readAll(reader, new ExecutionContext());
	}

	/** Reads on from where {@code context} says and updates it, as a step does at its last commit. */
	static List<SourceRecord> readAll(CountingSource reader, ExecutionContext context) {
		reader.open(context);
		try {
			List<SourceRecord> records = new ArrayList<>();
			for (SourceRecord record = reader.read(); record != null; record = reader.read()) {
				records.add(record);
			}
			reader.update(context);
			return records;
		} finally {
			reader.close();
		}
	}
}
