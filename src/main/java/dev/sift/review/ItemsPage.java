package dev.sift.review;

import java.util.List;

/**
 * One page of results, numbered from 1, and how many results match in all. Methods templates call are public: SpEL
 * finds no other (the same goes for the other view records of this package).
 */
record ItemsPage(List<ReviewItem> items, int page, int size, long total) {

	ItemsPage {
		items = List.copyOf(items);
	}

	public long pages() {
		return Math.max(1, (this.total + this.size - 1) / this.size);
	}

	public boolean hasPrevious() {
		return this.page > 1;
	}

	public boolean hasNext() {
		return this.page < pages();
	}

}
