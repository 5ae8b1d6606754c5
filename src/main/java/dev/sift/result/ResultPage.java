package dev.sift.result;

import java.util.List;

/**
 * One page of results, and how many match in all.
 *
 * @param page the page number, from 0
 */
public record ResultPage(List<StoredResult> items, int page, int size, long totalItems) {

	public ResultPage {
		items = List.copyOf(items);
	}

}
