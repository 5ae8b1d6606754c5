package dev.sift.job;

/**
 * What every result of one run shares.
 *
 * @param seed the model's default sampling seed; retries count up from it
 */
record RunContext(String jobName, long jobInstanceId, String modelName, String promptVersion, int seed) {
}
