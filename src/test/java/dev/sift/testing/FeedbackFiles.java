package dev.sift.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/** Feedback CSV files in the layout of the classify-feedback job, of any size, for tests that need more, or fewer, records than the shipped sample. */
public final class FeedbackFiles {

	private static final List<String> WORDS = List.of("delivery", "late", "box", "great", "fresh", "refund", "app",
			"crashed", "support", "friendly", "price", "too", "high", "loved", "the", "recipe", "missing", "sauce",
			"again", "thanks");

	private FeedbackFiles() {
	}

	/** A file of {@code records} feedback rows with ids {@code R-1} to {@code R-<records>}. */
	public static Path write(Path file, int records) throws IOException {
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

	/** The record ids of a file {@link #write} wrote with {@code records} rows. */
	public static List<String> ids(int records) {
		return IntStream.rangeClosed(1, records).mapToObj(i -> "R-" + i).toList();
	}

	/**
	 * A job spec directory holding the shipped classify-feedback spec with its results CSV replaced by
	 * {@code results} (none when {@code null}), so a test's runs write nothing into the project.
	 */
	public static Path specWritingTo(Path directory, Path results) throws IOException {
		return specWritingTo(directory, "classify-feedback", results);
	}

	/**
	 * Adds the shipped spec of {@code job} to a job spec directory, with its results CSV replaced by {@code results}
	 * (none when {@code null}).
	 */
	public static Path specWritingTo(Path directory, String job, Path results) throws IOException {
		return specWritingTo(directory, job, results, null);
	}

	/**
	 * Adds the shipped spec of {@code job} to a job spec directory, with its results CSV replaced by {@code results}
	 * (none when {@code null}) and, unless {@code null}, a results table ({@code outputs.table}).
	 */
	public static Path specWritingTo(Path directory, String job, Path results, String table) throws IOException {
		String shipped = Files.readString(Path.of("jobs", job + ".yml"), StandardCharsets.UTF_8);
		String outputs = "outputs:\n  csv: data/results/" + job + ".csv\n";
		if (!shipped.contains(outputs)) {
			throw new IllegalStateException("jobs/" + job + ".yml no longer has " + outputs);
		}
		Files.createDirectories(directory);
		Files.writeString(directory.resolve(job + ".yml"),
				shipped.replace(outputs, (results == null && table == null ? "" : "outputs:\n")
						+ (results == null ? "" : "  csv: " + results + "\n")
						+ (table == null ? "" : "  table: " + table + "\n")),
				StandardCharsets.UTF_8);
		return directory;
	}

}
