package dev.sift.testing;

import java.util.Locale;

/**
 * What {@link ScriptedChatModel} answers for the shipped jobs, told apart by the reply keys of their schemas, so
 * tests know exactly what each record's result must be:
 * <ul>
 * <li>classify-feedback: feedback that mentions a refund gets the unknown sentiment {@code furious} (a reply that
 * breaks the rules, every time); feedback that says "late" is negative, about delivery and urgent; all other
 * feedback is positive, about the product and not urgent;</li>
 * <li>survey-themes: a comment that says "late" is a negative, detractor comment about delivery; all others are
 * positive comments on quality by promoters;</li>
 * <li>product-copy: copy for a product whose prompt names a family uses the banned word "cheap"; all other copy is
 * within the job's bounds.</li>
 * </ul>
 */
public final class SampleReplies {

	public static final String FEEDBACK_SUMMARY = "The scripted summary.";

	public static final String QUOTE = "A scripted quote";

	public static final String DESCRIPTION = "A sturdy box of fresh ingredients with clear recipe cards, packed "
			+ "with care so every dinner this week takes less than forty minutes from opening the box to sitting "
			+ "down at the table together.";

	public static final String TAGLINE = "Dinner, sorted";

	private SampleReplies() {
	}

	/** The reply to a record's message under the job whose schema this is. */
	public static String reply(String userMessage, String schema) {
		String text = userMessage.toLowerCase(Locale.ROOT);
		if (schema.contains("\"la\"")) {
			if (text.contains("refund")) {
				return "{\"se\":\"furious\",\"to\":[\"billing\"],\"ur\":\"high\",\"su\":\"" + FEEDBACK_SUMMARY
						+ "\",\"la\":\"en\"}";
			}
			return text.contains("late")
					? "{\"se\":\"negative\",\"to\":[\"delivery\"],\"ur\":\"high\",\"su\":\"" + FEEDBACK_SUMMARY
							+ "\",\"la\":\"en\"}"
					: "{\"se\":\"positive\",\"to\":[\"product\"],\"ur\":\"low\",\"su\":\"" + FEEDBACK_SUMMARY
							+ "\",\"la\":\"en\"}";
		}
		if (schema.contains("\"dr\"")) {
			return text.contains("late")
					? "{\"th\":[\"delivery\"],\"se\":\"negative\",\"ex\":true,\"dr\":\"detractor_driver\",\"qu\":\""
							+ QUOTE + "\"}"
					: "{\"th\":[\"quality\"],\"se\":\"positive\",\"ex\":false,\"dr\":\"promoter_driver\",\"qu\":\""
							+ QUOTE + "\"}";
		}
		if (schema.contains("\"bu\"")) {
			String description = text.contains("famil") ? DESCRIPTION.replace("sturdy", "cheap") : DESCRIPTION;
			return "{\"de\":\"" + description + "\",\"ta\":\"" + TAGLINE
					+ "\",\"bu\":[\"Fresh every week\",\"Recipes in plain words\",\"Packed with care\"]}";
		}
		throw new IllegalArgumentException("No scripted reply for the schema " + schema);
	}

}
