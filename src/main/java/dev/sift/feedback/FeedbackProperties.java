package dev.sift.feedback;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the {@code classify-feedback} job, bound from {@code sift.feedback.*}.
 *
 * @param input the feedback CSV file
 * @param output where the results CSV is written after the run (empty: no CSV)
 * @param idColumn header of the column with the record id
 * @param textColumn header of the column with the feedback text
 * @param extraColumns further columns kept with each result
 * @param delimiter field separator
 * @param encoding file encoding (a UTF-8 byte order mark is skipped)
 * @param topics topic labels the model chooses from, each with a description that goes into the prompt
 * @param chunkSize records per transaction: a crash loses at most this many records of work
 * @param maxAttempts model calls per record before a reply that breaks the rules goes to review
 */
@ConfigurationProperties("sift.feedback")
public record FeedbackProperties(@DefaultValue("jobs/samples/feedback.csv") Path input,
		@DefaultValue("data/results/classify-feedback.csv") Path output, @DefaultValue("id") String idColumn,
		@DefaultValue("text") String textColumn, @DefaultValue({ "channel", "product" }) List<String> extraColumns,
		@DefaultValue(",") char delimiter, @DefaultValue("UTF-8") Charset encoding, Map<String, String> topics,
		@DefaultValue("8") int chunkSize, @DefaultValue("2") int maxAttempts) {

	static final Map<String, String> DEFAULT_TOPICS = defaultTopics();

	public FeedbackProperties {
		topics = (topics == null || topics.isEmpty()) ? DEFAULT_TOPICS : new LinkedHashMap<>(topics);
		if (chunkSize < 1) {
			throw new IllegalArgumentException("sift.feedback.chunk-size must be at least 1, was " + chunkSize);
		}
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("sift.feedback.max-attempts must be at least 1, was " + maxAttempts);
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

}
