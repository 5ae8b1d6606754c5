package dev.sift.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import dev.sift.definition.CsvSourceSpec;
import dev.sift.support.CsvWriter;
import dev.sift.support.CsvWriter.Column;

/**
 * Writes feedback files of realistic shape for benchmarks: texts of 20 to 120 words built from everyday complaint and
 * praise phrases, the same for the same seed.
 */
final class FeedbackTextGenerator {

	static final int MIN_WORDS = 20;

	static final int MAX_WORDS = 120;

	private static final List<String> OPENINGS = List.of("I have been a customer for two years and",
			"This is the third time this month that", "Honestly I wanted to love this service but",
			"Quick note for your team:", "My partner and I ordered the family box and", "Not sure who to tell, but",
			"Five stars from me because", "After the last update of the app");

	private static final List<String> PHRASES = List.of("the delivery arrived two hours late",
			"the vegetables were fresh and the recipes easy to follow", "I was charged twice for the same order",
			"the app crashes when I try to skip a week", "customer support answered within minutes",
			"the portions are too small for the price", "one of the sauces was missing from the box",
			"the courier left the box in the rain", "the chicken smelled off and I threw it away",
			"I would love a vegetarian option with more protein", "the discount code did not work at checkout",
			"my kids actually ate everything for once", "the packaging is far too much plastic",
			"I cannot find where to change my delivery address", "the refund took three weeks to arrive",
			"the new menu has a lot more variety", "the ice packs had melted completely",
			"the login page keeps asking me for a new password", "the recipe cards have typos in the quantities",
			"your driver was very friendly and careful");

	private static final List<String> CLOSINGS = List.of("Please fix this.", "Thanks a lot!",
			"I am thinking about cancelling.", "Keep it up.", "Can someone call me back?", "Otherwise all good.");

	private FeedbackTextGenerator() {
	}

	/** {@code records} feedback texts, the same for the same seed. */
	static List<String> texts(int records, long seed) {
		Random random = new Random(seed);
		return IntStream.range(0, records).mapToObj(i -> text(random)).toList();
	}

	/** Writes the texts as a feedback file in the layout the job is configured to read; extra columns stay empty. */
	static Path write(Path file, List<String> texts, CsvSourceSpec layout) {
		List<Column<Integer>> columns = new ArrayList<>();
		if (!layout.idColumn().isBlank()) {
			columns.add(new Column<>(layout.idColumn(), index -> "B-" + (index + 1)));
		}
		columns.add(new Column<>(layout.textColumns().get(0), texts::get));
		layout.extraColumns().forEach(column -> columns.add(new Column<>(column, index -> "")));
		CsvWriter.of(columns).withDelimiter(layout.delimiter()).writeFile(file, layout.encoding(), row -> {
			for (int i = 0; i < texts.size(); i++) {
				row.accept(i);
			}
		});
		return file;
	}

	/** Phrases until the drawn length is reached, cut to exactly that many words. */
	private static String text(Random random) {
		int targetWords = MIN_WORDS + random.nextInt(MAX_WORDS - MIN_WORDS + 1);
		StringBuilder text = new StringBuilder(pick(OPENINGS, random));
		while (text.toString().split(" ").length < targetWords) {
			text.append(' ').append(pick(PHRASES, random)).append(random.nextBoolean() ? "," : ".");
			if (random.nextInt(4) == 0) {
				text.append(' ').append(pick(CLOSINGS, random));
			}
		}
		String[] words = text.toString().split(" ");
		String cut = String.join(" ", Arrays.copyOf(words, targetWords));
		return cut.endsWith(".") || cut.endsWith("!") || cut.endsWith("?") ? cut : cut.replaceAll("[,]$", "") + ".";
	}

	private static String pick(List<String> options, Random random) {
		return options.get(random.nextInt(options.size()));
	}

}
