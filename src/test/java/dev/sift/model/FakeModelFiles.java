package dev.sift.model;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import dev.sift.support.Sha256;

/** Model-like content for tests: a GGUF magic followed by random bytes. */
final class FakeModelFiles {

	static final int SIZE = 300 * 1024;

	private FakeModelFiles() {
	}

	static byte[] ggufBytes(long seed) {
		byte[] bytes = new byte[SIZE];
		new Random(seed).nextBytes(bytes);
		byte[] magic = "GGUF".getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(magic, 0, bytes, 0, magic.length);
		return bytes;
	}

	static String sha256(byte[] bytes) {
		var digest = Sha256.newDigest();
		digest.update(bytes);
		return Sha256.hex(digest);
	}

}
