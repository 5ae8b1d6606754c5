package dev.sift.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

/** Table rows of a rendered page, for page tests that check what one row says. */
public final class PageRows {

	private PageRows() {
	}

	/** The markup of the table row with this id, from its id attribute to its end. */
	public static String row(String page, String id) {
		int start = page.indexOf("id=\"" + id + "\"");
		assertThat(start).as("a row with id " + id).isNotNegative();
		return page.substring(start, page.indexOf("</tr>", start));
	}

	/** The text of each cell of that row, as a reader sees it: without tags, blanks collapsed. */
	public static List<String> cells(String page, String id) {
		return Arrays.stream(row(page, id).split("<td"))
			.skip(1)
			.map(cell -> cell.substring(cell.indexOf('>') + 1).replaceAll("<[^>]*>", "").replaceAll("\\s+", " "))
			.map(String::strip)
			.toList();
	}

}
