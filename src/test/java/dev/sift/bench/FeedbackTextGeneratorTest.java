package dev.sift.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sift.definition.CsvSourceSpec;

import static org.assertj.core.api.Assertions.assertThat;

class FeedbackTextGeneratorTest {

	@TempDir
	Path directory;

	@Test
	void textsHaveTwentyToOneHundredTwentyWordsAndRepeatForTheSameSeed() {
		List<String> texts = FeedbackTextGenerator.texts(200, 7);

		assertThat(texts).allSatisfy(text -> assertThat(text.split("\\s+").length)
			.isBetween(FeedbackTextGenerator.MIN_WORDS, FeedbackTextGenerator.MAX_WORDS));
		assertThat(texts).isEqualTo(FeedbackTextGenerator.texts(200, 7)).isNotEqualTo(FeedbackTextGenerator.texts(200, 8));
	}

	@Test
	void writesTheColumnsAndDelimiterTheJobIsConfiguredFor() throws Exception {
		CsvSourceSpec layout = new CsvSourceSpec("in.csv", ';', StandardCharsets.UTF_8, true, List.of(), "ticket",
				List.of("body"), List.of("channel"), 0, null);

		Path file = FeedbackTextGenerator.write(this.directory.resolve("b.csv"), List.of("one; two", "three"), layout);

		assertThat(Files.readAllLines(file)).containsExactly("ticket;body;channel", "B-1;\"one; two\";",
				"B-2;three;");
	}

}
