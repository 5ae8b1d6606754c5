package dev.sift.review;

import java.util.List;

import dev.sift.result.ResultPage;
import dev.sift.result.StoredResult;

/**
 * One page of results as the review pages number them, from 1, and how many results match in all. Methods templates
 * call are public: SpEL finds no other (the same goes for the other view records of this package).
 */
record ItemsPage(List<StoredResult> items, int page, int size, long total) {

	ItemsPage {
		items = List.copyOf(items);
	}

	static ItemsPage of(ResultPage page) {
		return new ItemsPage(page.items(), page.page() + 1, page.size(), page.totalItems());
	}

	static ItemsPage empty(int size) {
		return new ItemsPage(List.of(), 1, size, 0);
	}

	public long pages() {
		return Math.max(1, (this.total + this.size - 1) / this.size);
	}

}
