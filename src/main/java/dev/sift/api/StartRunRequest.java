package dev.sift.api;

/**
 * What a run is asked to do; every part optional.
 *
 * @param input a CSV file under {@code sift.service.input-dirs}, instead of the spec's source; no globs
 * @param reprocess process records that already have a current result, too
 * @param limit read at most this many records
 * @param partitions split the run into this many partitions for workers (1 to 256), instead of the spec's
 */
record StartRunRequest(String input, Boolean reprocess, Long limit, Integer partitions) {
}
