package dev.sift.result;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusCountsTest {

	@Test
	void totalAddsEveryStatus() {
		assertThat(new StatusCounts(3, 4, 2, 1).total()).isEqualTo(10);
		assertThat(new StatusCounts(0, 0, 0, 0).total()).isZero();
	}

}
