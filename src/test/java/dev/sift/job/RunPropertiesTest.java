package dev.sift.job;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RunPropertiesTest {

	@Test
	void chunksHoldSixteenRecordsPerSlotUnlessConfigured() {
		assertThat(new RunProperties(0, 2).chunkSizeFor(2)).isEqualTo(32);
		assertThat(new RunProperties(10, 2).chunkSizeFor(2)).isEqualTo(10);
		assertThat(new RunProperties(1, 2).chunkSizeFor(4)).as("at least one record per slot").isEqualTo(4);
	}

	@Test
	void rejectsNegativeChunksAndFewerThanOneAttempt() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RunProperties(-1, 2))
			.withMessageContaining("sift.run.chunk-size");
		assertThatIllegalArgumentException().isThrownBy(() -> new RunProperties(0, 0))
			.withMessageContaining("sift.run.max-attempts");
	}

}
