package dev.sift.definition;

/**
 * Model options of one job, overriding {@code sift.model.options.*}; {@code null} keeps the default.
 *
 * @param longText what to do with a record too long for one request; {@code null} for the default, truncate
 * @param examplesFromCorrections how many of the job's reviewed results most like each record are added to its
 * prompt as worked examples; {@code null} or 0 for none
 */
public record ModelSpec(Double temperature, Integer maxTokens, LongText longText, Integer examplesFromCorrections) {

	public static final ModelSpec DEFAULTS = new ModelSpec(null, null, null, null);

	public ModelSpec(Double temperature, Integer maxTokens) {
		this(temperature, maxTokens, null, null);
	}

	public ModelSpec(Double temperature, Integer maxTokens, LongText longText) {
		this(temperature, maxTokens, longText, null);
	}

	/** The long-text policy in effect: the spec's, else {@link LongText#TRUNCATE}. */
	public LongText effectiveLongText() {
		return this.longText == null ? LongText.TRUNCATE : this.longText;
	}

	/** Reviewed results added to each prompt; 0 for none. */
	public int correctionExamples() {
		return this.examplesFromCorrections == null ? 0 : this.examplesFromCorrections;
	}

}
