package dev.sift.job;

/** What every result of one run shares. */
record RunContext(String jobName, long jobInstanceId, String modelName, String promptVersion) {
}
