package dev.sift.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** Feedback CSV files in the layout of the classify-feedback job, of any size, for tests that need more, or fewer, records than the shipped sample. */
final class FeedbackFiles {

	private static final List<String> WORDS = List.of("delivery", "late", "box", "great", "fresh", "refund", "app",
			"crashed", "support", "friendly", "price", "too", "high", "loved", "the", "recipe", "missing", "sauce",
			"again", "thanks");

	private FeedbackFiles() {
	}

	static Path write(Path file, int records) throws IOException {
		Random random = new Random(records);
		StringBuilder csv = new StringBuilder("id,channel,product,text\r\n");
		for (int i = 1; i <= records; i++) {
			StringBuilder text = new StringBuilder();
			for (int word = 0; word < 8 + random.nextInt(20); word++) {
				text.append(word == 0 ? "" : " ").append(WORDS.get(random.nextInt(WORDS.size())));
			}
			csv.append("R-").append(i).append(",email,Classic Box,\"").append(text).append("\"\r\n");
		}
		Files.writeString(file, csv, StandardCharsets.UTF_8);
		return file;
	}

	/**
	 * A job spec directory holding the shipped classify-feedback spec with its results CSV replaced by
	 * {@code results} (none when {@code null}), so a test's runs write nothing into the project.
	 */
	static Path specWritingTo(Path directory, Path results) throws IOException {
		String shipped = Files.readString(Path.of("jobs/classify-feedback.yml"), StandardCharsets.UTF_8);
		String outputs = "outputs:\n  csv: data/results/classify-feedback.csv\n";
		if (!shipped.contains(outputs)) {
			throw new IllegalStateException("jobs/classify-feedback.yml no longer has " + outputs);
		}
		Files.createDirectories(directory);
		Files.writeString(directory.resolve("classify-feedback.yml"),
				shipped.replace(outputs, results == null ? "" : "outputs:\n  csv: " + results + "\n"),
				StandardCharsets.UTF_8);
		return directory;
	}

}
