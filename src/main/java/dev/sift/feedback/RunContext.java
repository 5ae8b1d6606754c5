package dev.sift.feedback;

/**
 * What every result of one run of {@code classify-feedback} shares.
 *
 * @param seed the model's default sampling seed; retries count up from it
 */
record RunContext(long jobInstanceId, String modelName, String promptVersion, int seed) {
}
