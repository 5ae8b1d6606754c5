package dev.sift.job;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.sift.result.ResultRepository;
import dev.sift.source.SourceRecord;

/**
 * Leaves out records that already have a current result for this prompt version (same text), so a nightly run
 * classifies only what is new or changed. Filtered records are counted by Spring Batch as filtered, not lost.
 */
class UnchangedRecordFilter implements ItemProcessor<SourceRecord, SourceRecord> {

	private final ResultRepository results;

	private final String promptVersion;

	UnchangedRecordFilter(ResultRepository results, String promptVersion) {
		this.results = results;
		this.promptVersion = promptVersion;
	}

	@Override
	public SourceRecord process(SourceRecord record) {
		boolean current = this.results.hasCurrentResult(record.source(), record.id(), this.promptVersion,
				record.text());
		return current ? null : record;
	}

}
