package dev.sift.result;

/** How many results of a run ended in each status. */
public record StatusCounts(long ok, long draft, long needsReview, long failed) {

	public long total() {
		return this.ok + this.draft + this.needsReview + this.failed;
	}

}
