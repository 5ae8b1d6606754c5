package dev.sift.job;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.sift.result.ResultStore;
import dev.sift.source.SourceRecord;

/**
 * Leaves out records that already have a current result of this job and prompt version (same text), so a nightly
 * run classifies only what is new or changed. Filtered records are counted by Spring Batch as filtered, not lost.
 */
class UnchangedRecordFilter implements ItemProcessor<SourceRecord, SourceRecord> {

	private final ResultStore results;

	private final String jobName;

	private final String promptVersion;

	UnchangedRecordFilter(ResultStore results, String jobName, String promptVersion) {
		this.results = results;
		this.jobName = jobName;
		this.promptVersion = promptVersion;
	}

	@Override
	public SourceRecord process(SourceRecord record) {
		boolean current = this.results.hasCurrentResult(this.jobName, record.source(), record.id(),
				this.promptVersion, record.text());
		return current ? null : record;
	}

}
