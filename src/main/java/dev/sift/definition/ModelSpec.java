package dev.sift.definition;

/**
 * Model options of one job, overriding {@code sift.model.options.*}; {@code null} keeps the default.
 *
 * @param longText what to do with a record too long for one request; {@code null} for the default, truncate
 */
public record ModelSpec(Double temperature, Integer maxTokens, LongText longText) {

	public static final ModelSpec DEFAULTS = new ModelSpec(null, null, null);

	public ModelSpec(Double temperature, Integer maxTokens) {
		this(temperature, maxTokens, null);
	}

	/** The long-text policy in effect: the spec's, else {@link LongText#TRUNCATE}. */
	public LongText effectiveLongText() {
		return this.longText == null ? LongText.TRUNCATE : this.longText;
	}

}
