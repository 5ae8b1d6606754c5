package dev.sift.feedback;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.sift.source.CsvSourceSettings;
import dev.sift.source.PostgresSourceSettings;

/**
 * Settings of the {@code classify-feedback} job, bound from {@code sift.feedback.*}.
 *
 * @param input the feedback CSV file
 * @param output where the results CSV is written after the run (empty: no CSV)
 * @param idColumn header of the column with the record id; empty when the file has none (records are then identified
 * by the line they start on)
 * @param textColumn header of the column with the feedback text
 * @param extraColumns further columns kept with each result
 * @param delimiter field separator: one character, or {@code \t} / {@code tab}
 * @param encoding file encoding (a UTF-8 byte order mark is skipped)
 * @param topics topic labels the model chooses from, each with a description that goes into the prompt
 * @param chunkSize records per transaction, classified concurrently; a crash loses at most this many records of work.
 * 0 (the default) means 16 per slot: the slots idle while a chunk's last records finish, so a chunk should hold
 * many records per slot
 * @param reprocess classify every record again, also those that already have a result for this prompt version and
 * text (by default a run leaves them alone)
 * @param maxAttempts model calls per record before a reply that breaks the rules goes to review
 * @param source where records come from: the CSV file {@code input} or the PostgreSQL table {@code table}
 * @param table for {@code postgres}: {@code table} or {@code schema.table} in the application's database
 * @param textColumns for {@code postgres}: columns joined into the text to classify; empty means {@code textColumn}
 * @param pageSize for {@code postgres}: rows per query, and so at most in memory
 */
@ConfigurationProperties("sift.feedback")
public record FeedbackProperties(@DefaultValue("jobs/samples/feedback.csv") Path input,
		@DefaultValue("data/results/classify-feedback.csv") Path output, @DefaultValue("id") String idColumn,
		@DefaultValue("text") String textColumn, @DefaultValue({ "channel", "product" }) List<String> extraColumns,
		@DefaultValue(",") String delimiter, @DefaultValue("UTF-8") Charset encoding, Map<String, String> topics,
		@DefaultValue("0") int chunkSize, @DefaultValue("2") int maxAttempts, @DefaultValue("csv") Source source,
		@DefaultValue("") String table, List<String> textColumns, @DefaultValue("500") int pageSize,
		@DefaultValue("false") boolean reprocess) {

	static final Map<String, String> DEFAULT_TOPICS = defaultTopics();

	static final int RECORDS_PER_SLOT = 16;

	public FeedbackProperties {
		topics = (topics == null || topics.isEmpty()) ? DEFAULT_TOPICS : new LinkedHashMap<>(topics);
		topics.forEach(FeedbackProperties::requireValidTopic);
		delimiterChar(delimiter);
		if (chunkSize < 0) {
			throw new IllegalArgumentException("sift.feedback.chunk-size must be 0 (automatic) or more, was " + chunkSize);
		}
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("sift.feedback.max-attempts must be at least 1, was " + maxAttempts);
		}
		textColumns = (textColumns == null || textColumns.isEmpty()) ? List.of(textColumn) : List.copyOf(textColumns);
		if (source == Source.POSTGRES && table.isBlank()) {
			throw new IllegalArgumentException("sift.feedback.table must name the table to read when "
					+ "sift.feedback.source=postgres");
		}
		if (pageSize < 1) {
			throw new IllegalArgumentException("sift.feedback.page-size must be at least 1, was " + pageSize);
		}
	}

	/** What identifies a run's input: the CSV file as configured, or {@code postgres:<table>}. */
	public String sourceId() {
		return this.source == Source.POSTGRES ? PostgresSourceSettings.sourceName(this.table) : this.input.toString();
	}

	CsvSourceSettings csvSettings(Path file) {
		return new CsvSourceSettings(file, this.idColumn, this.textColumn, this.extraColumns, delimiterChar(),
				this.encoding);
	}

	PostgresSourceSettings postgresSettings() {
		return new PostgresSourceSettings(this.table, this.idColumn, this.textColumns, this.extraColumns,
				this.pageSize);
	}

	/** Records per chunk for this many slots in all: as configured (but at least one per slot), or 16 per slot. */
	public int chunkSizeFor(int slots) {
		return this.chunkSize == 0 ? RECORDS_PER_SLOT * slots : Math.max(this.chunkSize, slots);
	}

	/** The field separator as one character. */
	public char delimiterChar() {
		return delimiterChar(this.delimiter);
	}

	private static char delimiterChar(String delimiter) {
		if (delimiter.equals("\\t") || delimiter.equalsIgnoreCase("tab")) {
			return '\t';
		}
		if (delimiter.length() != 1 || delimiter.equals("\"") || delimiter.equals("\n") || delimiter.equals("\r")) {
			throw new IllegalArgumentException("sift.feedback.delimiter must be one character other than a quote or "
					+ "line break, or \\t for tab; was '" + delimiter + "'");
		}
		return delimiter.charAt(0);
	}

	private static void requireValidTopic(String name, String description) {
		if (!name.matches("[a-z0-9][a-z0-9_-]{0,39}")) {
			throw new IllegalArgumentException("sift.feedback.topics: topic name '" + name
					+ "' must be 1-40 lowercase letters, digits, '_' or '-'");
		}
		if (description == null || description.isBlank()) {
			throw new IllegalArgumentException("sift.feedback.topics." + name + ": describe the topic for the model");
		}
	}

	private static Map<String, String> defaultTopics() {
		Map<String, String> topics = new LinkedHashMap<>();
		topics.put("billing", "charges, refunds, invoices, payment problems");
		topics.put("delivery", "shipping, late or missing orders, couriers, packaging");
		topics.put("product", "quality, freshness, taste, defects of what was delivered");
		topics.put("app", "the website or mobile app: bugs, login, usability");
		topics.put("service", "customer support: response time, friendliness, resolution");
		topics.put("pricing", "prices, plans, discounts, value for money");
		topics.put("safety", "health or safety risks: allergens, injuries, spoiled food");
		topics.put("feature_request", "a wish for something new");
		topics.put("other", "anything else");
		return Collections.unmodifiableMap(topics);
	}

	/** Kinds of input the job reads. */
	public enum Source {

		CSV, POSTGRES

	}

}
