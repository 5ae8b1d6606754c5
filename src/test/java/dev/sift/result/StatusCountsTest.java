package dev.sift.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class StatusCountsTest {

	@Test
	void totalAddsEveryStatusAndDecidedAddsThePersonsVerdicts() {
		StatusCounts counts = new StatusCounts(Map.of(ResultStatus.OK, 3L, ResultStatus.DRAFT, 4L,
				ResultStatus.NEEDS_REVIEW, 2L, ResultStatus.FAILED, 1L, ResultStatus.REVIEWED, 2L,
				ResultStatus.APPROVED, 2L, ResultStatus.REJECTED, 1L));

		assertThat(counts.total()).isEqualTo(15);
		assertThat(counts.decided()).isEqualTo(5);
		assertThat(counts.ok()).isEqualTo(3);
		assertThat(counts.needsReview()).isEqualTo(2);
	}

	@Test
	void aStatusWithoutResultsCountsZero() {
		StatusCounts counts = new StatusCounts(Map.of(ResultStatus.OK, 3L));

		assertThat(counts.failed()).isZero();
		assertThat(counts.total()).isEqualTo(3);
		assertThat(new StatusCounts(Map.of()).total()).isZero();
	}

}
