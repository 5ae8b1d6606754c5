package dev.sift.definition;

/**
 * Model options of one job, overriding {@code sift.model.options.*}; {@code null} keeps the default.
 */
public record ModelSpec(Double temperature, Integer maxTokens) {

	public static final ModelSpec DEFAULTS = new ModelSpec(null, null);

}
