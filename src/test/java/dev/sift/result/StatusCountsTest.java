package dev.sift.result;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusCountsTest {

	@Test
	void totalAddsEveryStatus() {
		assertThat(new StatusCounts(3, 4, 2, 1, 5).total()).isEqualTo(15);
		assertThat(new StatusCounts(0, 0, 0, 0, 0).total()).isZero();
	}

}
