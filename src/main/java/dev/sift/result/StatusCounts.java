package dev.sift.result;

/**
 * How many results of a run are in each status now.
 *
 * @param reviewed results a person has since decided on: reviewed, approved or rejected
 */
public record StatusCounts(long ok, long draft, long needsReview, long failed, long reviewed) {

	public long total() {
		return this.ok + this.draft + this.needsReview + this.failed + this.reviewed;
	}

}
