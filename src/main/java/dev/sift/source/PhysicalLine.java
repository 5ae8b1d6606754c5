package dev.sift.source;

/**
 * One line of a file as it is written, for showing where a parse error is.
 *
 * @param number the 1-based line number
 * @param text the line without its line break
 * @param column the 0-based index in {@code text} of the character concerned
 */
record PhysicalLine(long number, String text, int column) {

	/** The character at {@code index}, or 0 outside the line. */
	char charAt(int index) {
		return index >= 0 && index < this.text.length() ? this.text.charAt(index) : 0;
	}

}
