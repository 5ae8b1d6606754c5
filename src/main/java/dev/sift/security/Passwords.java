package dev.sift.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Rules for passwords and their hashes. */
final class Passwords {

	/** A bcrypt hash as a regular expression (configured users are checked against it). */
	static final String BCRYPT_HASH = "\\$2[aby]\\$\\d\\d\\$[./0-9A-Za-z]{53}";

	private static final Pattern BCRYPT = Pattern.compile(BCRYPT_HASH);

	private static final int MIN_LENGTH = 12;

	/** bcrypt reads only the first 72 bytes; a longer password would silently match on its prefix. */
	private static final int MAX_BYTES = 72;

	/** Unambiguous characters, so a password read off a console is typed right the first time. */
	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	private static final SecureRandom random = new SecureRandom();

	private Passwords() {
	}

	static boolean isBcryptHash(String hash) {
		return BCRYPT.matcher(hash).matches();
	}

	static void requireAcceptable(String password) {
		if (password == null || password.length() < MIN_LENGTH) {
			throw new InvalidAccountException("A password needs at least " + MIN_LENGTH + " characters");
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			throw new InvalidAccountException("A password may have at most " + MAX_BYTES + " bytes in UTF-8");
		}
	}

	/** 24 characters of a 57-letter alphabet: about 140 bits. */
	static String random() {
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 24; i++) {
			password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

}
