package dev.sift.result;

/** The orders results are read in. */
public enum ResultOrder {

	/** Most recently stored first: what changed last. */
	NEWEST_FIRST("updated_at DESC, id DESC"),
	/** Results that need review first, then the newest: the review and copy queues. */
	NEEDS_REVIEW_FIRST("(status <> 'needs_review'), updated_at DESC, id DESC"),
	/** By input, then where each record stands in it: exports. */
	SOURCE_ORDER("source, source_line, record_id, id");

	private final String sql;

	ResultOrder(String sql) {
		this.sql = sql;
	}

	String sql() {
		return this.sql;
	}

}
