package dev.sift.source;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/** Reads a whole source the way a step would on a first run. */
final class SourceRecords {

	private SourceRecords() {
	}

	static List<SourceRecord> readAll(CsvSourceSettings settings) {
		return readAll(new CsvSourceReader(settings));
	}

	static List<SourceRecord> readAll(CountingSource reader) {
		reader.open(new ExecutionContext());
		try {
			List<SourceRecord> records = new ArrayList<>();
			for (SourceRecord record = reader.read(); record != null; record = reader.read()) {
				records.add(record);
			}
			return records;
		} finally {
			reader.close();
		}
	}
}
