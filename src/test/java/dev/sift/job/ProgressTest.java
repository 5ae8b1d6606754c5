package dev.sift.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ProgressTest {

	@Test
	void speedIsThisExecutionsRecordsOverItsTimeAndTheTimeLeftIsTheRestAtThatSpeed() {
		Progress progress = Progress.of(100, 50, 400L, Duration.ofSeconds(10));

		assertThat(progress.done()).isEqualTo(150);
		assertThat(progress.recordsPerSecond()).isEqualTo(5.0);
		assertThat(progress.etaSeconds()).as("250 records left at 5 a second").isEqualTo(50);
		assertThat(progress.percent()).isEqualTo(37.5);
	}

	@Test
	void withoutRecordsReadOrTimeThereIsNoSpeedAndNoTimeLeft() {
		assertThat(Progress.of(0, 0, 10L, Duration.ofSeconds(3)).recordsPerSecond()).isNull();
		assertThat(Progress.of(0, 5, 10L, Duration.ZERO).etaSeconds()).isNull();
	}

	@Test
	void anUnknownTotalHasNoTimeLeftAndNoPercentAndAnEmptySourceIsDone() {
		assertThat(Progress.of(0, 5, null, Duration.ofSeconds(1)).etaSeconds()).isNull();
		assertThat(Progress.of(0, 5, null, Duration.ofSeconds(1)).percent()).isNull();
		assertThat(Progress.of(0, 0, 0L, Duration.ofSeconds(1)).percent()).isEqualTo(100.0);
	}

	@Test
	void moreDoneThanTheTotalLeavesNoTimeAndCapsThePercent() {
		Progress progress = Progress.of(8, 4, 10L, Duration.ofSeconds(2));

		assertThat(progress.etaSeconds()).isZero();
		assertThat(progress.percent()).isEqualTo(100.0);
	}

}
