package dev.sift.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

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

	/** Writes {@code records} feedback rows with columns {@code id,text}. */
	static Path write(Path file, int records, long seed) {
		Random random = new Random(seed);
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
					CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader("id", "text").get())) {
				for (int i = 1; i <= records; i++) {
					csv.printRecord("B-" + i, text(random));
				}
			}
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write benchmark input " + file, ex);
		}
	}

	static String text(Random random) {
		int targetWords = MIN_WORDS + random.nextInt(MAX_WORDS - MIN_WORDS + 1);
		StringBuilder text = new StringBuilder(pick(OPENINGS, random));
		while (words(text) < targetWords - 4) {
			text.append(' ').append(pick(PHRASES, random)).append(random.nextBoolean() ? "," : " and");
		}
		text.setLength(text.length() - (text.charAt(text.length() - 1) == ',' ? 1 : 4));
		text.append(". ").append(pick(CLOSINGS, random));
		return text.toString();
	}

	private static int words(CharSequence text) {
		return text.toString().split("\\s+").length;
	}

	private static String pick(List<String> options, Random random) {
		return options.get(random.nextInt(options.size()));
	}

}
