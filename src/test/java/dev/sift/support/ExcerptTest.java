package dev.sift.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExcerptTest {

	@Test
	void shortValuesStayAsTheyAre() {
		assertThat(Excerpt.of("classify-feedback")).isEqualTo("classify-feedback");
		assertThat(Excerpt.of("x".repeat(100))).isEqualTo("x".repeat(100));
		assertThat(Excerpt.of(null)).isNull();
	}

	@Test
	void longValuesAreCutAndSayHowLongTheyWere() {
		assertThat(Excerpt.of("y".repeat(70_000))).isEqualTo("y".repeat(100) + "... (70000 characters)");
	}

	@Test
	void aCharacterOutsideTheBasicPlaneIsNeverCutInHalf() {
		String emoji = "\uD83D\uDE00";

		assertThat(Excerpt.of("x".repeat(99) + emoji + "tail")).isEqualTo("x".repeat(99) + "... (105 characters)");
	}

}
