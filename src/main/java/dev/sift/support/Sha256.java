package dev.sift.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one SHA-256 helper: of files (model downloads), of texts (API tokens, query names) and of digests fed part by
 * part (prompt versions). Checksums are lower-case hex, as Hugging Face and sha256sum print them.
 */
public final class Sha256 {

	private static final int BUFFER_SIZE = 1 << 16;

	private Sha256() {
	}

	public static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime must provide SHA-256", ex);
		}
	}

	/** A digest that has already consumed the whole file, so more bytes can be appended to it. */
	public static MessageDigest digestOf(Path file) throws IOException {
		MessageDigest digest = newDigest();
		try (InputStream in = Files.newInputStream(file)) {
			byte[] buffer = new byte[BUFFER_SIZE];
			for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
				digest.update(buffer, 0, read);
			}
		}
		return digest;
	}

	public static String ofFile(Path file) throws IOException {
		return hex(digestOf(file));
	}

	/** The hex SHA-256 of a text's UTF-8 bytes. */
	public static String ofText(String text) {
		return HexFormat.of().formatHex(newDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
	}

	public static String hex(MessageDigest digest) {
		return HexFormat.of().formatHex(digest.digest());
	}

}
