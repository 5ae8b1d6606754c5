package dev.sift.job;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import dev.sift.result.ClassificationResult;
import dev.sift.result.ResultStatus;
import dev.sift.result.ResultStore;
import dev.sift.result.StoredResult;
import dev.sift.source.SourceRecord;
import dev.sift.testing.TestDatabase;
import dev.sift.testing.TestSpecs;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which reviewed results a run takes as examples, from the real results store: only reviewed ones with labels, of the
 * job and of the jobs with the same task, and for each record the ones most like it.
 */
class CorrectionExamplesTest {

	private final JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.dataSource());

	private final ResultStore results = new ResultStore(this.jdbc,
			new DataSourceTransactionManager(TestDatabase.dataSource()));

	@Test
	void reviewedResultsOfTheJobAndOfJobsWithTheSameTaskAreTheExamples() {
		String origin = "origin-" + UUID.randomUUID();
		String borrower = "borrower-" + UUID.randomUUID();
		store(origin, "R-1", "The courier was late with the box again", ResultStatus.REVIEWED);
		store(origin, "R-2", "The courier lost the box", ResultStatus.OK);
		store("unrelated-" + UUID.randomUUID(), "R-3", "The courier was late", ResultStatus.REVIEWED);

		CorrectionExamples examples = CorrectionExamples.load(this.results, List.of(borrower, origin), 3);

		assertThat(examples.nearest(SourceRecord.good("new.csv", "N-1", "Late courier, box wet", Map.of(), 2)))
			.extracting(StoredResult::recordId)
			.containsExactly("R-1");
		assertThat(CorrectionExamples.load(this.results, List.of(borrower, origin), 0)
			.nearest(SourceRecord.good("new.csv", "N-1", "Late courier", Map.of(), 2))).isEmpty();
	}

	@Test
	void aTaskFromSpecAndItsOriginShareTheirCorrections() {
		assertThat(SpecJobs.sameTask(TestSpecs.shipped(), TestSpecs.shipped("classify-feedback-postgres")))
			.containsExactlyInAnyOrder("classify-feedback", "classify-feedback-postgres");
		assertThat(SpecJobs.sameTask(TestSpecs.shipped(), TestSpecs.shipped("product-copy")))
			.containsExactlyInAnyOrder("product-copy", "product-copy-postgres");
	}

	private void store(String job, String recordId, String text, ResultStatus status) {
		this.results.upsert(List.of(new ClassificationResult(job, null, "reviewed.csv", recordId, 2, text, Map.of(),
				Map.of("sentiment", "negative"), "{}", status, null, 1, "m", "v", ClassificationResult.Usage.NONE)));
	}

}
