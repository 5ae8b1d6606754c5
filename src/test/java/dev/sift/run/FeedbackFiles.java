package dev.sift.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** Feedback CSV files of any size for tests that need more, or fewer, records than the shipped sample. */
final class FeedbackFiles {

	private static final List<String> WORDS = List.of("delivery", "late", "box", "great", "fresh", "refund", "app",
			"crashed", "support", "friendly", "price", "too", "high", "loved", "the", "recipe", "missing", "sauce",
			"again", "thanks");

	private FeedbackFiles() {
	}

	static Path write(Path file, int records) throws IOException {
		Random random = new Random(records);
		StringBuilder csv = new StringBuilder("id,text\r\n");
		for (int i = 1; i <= records; i++) {
			StringBuilder text = new StringBuilder();
			for (int word = 0; word < 8 + random.nextInt(20); word++) {
				text.append(word == 0 ? "" : " ").append(WORDS.get(random.nextInt(WORDS.size())));
			}
			csv.append("R-").append(i).append(",\"").append(text).append("\"\r\n");
		}
		Files.writeString(file, csv, StandardCharsets.UTF_8);
		return file;
	}

}
