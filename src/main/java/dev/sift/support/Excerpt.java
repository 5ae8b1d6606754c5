package dev.sift.support;

/**
 * A value a client sent, shortened for an error message: an error names what was wrong, it never sends a huge value
 * back.
 */
public final class Excerpt {

	/** Enough for any name Sift knows and a good part of a path. */
	public static final int MAX_LENGTH = 100;

	private Excerpt() {
	}

	/** The value itself when short, otherwise its first {@link #MAX_LENGTH} characters and how long it was. */
	public static String of(String value) {
		if (value == null || value.length() <= MAX_LENGTH) {
			return value;
		}
		int end = Character.isHighSurrogate(value.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
		return value.substring(0, end) + "... (" + value.length() + " characters)";
	}

}
