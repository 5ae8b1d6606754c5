package dev.sift.model;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the model comes from: a local GGUF file, or a URL downloaded once into a cache directory.
 *
 * @param path a local GGUF file; when set, {@code url} and {@code cacheDir} are ignored
 * @param url where to download the model from when {@code path} is not set; its last path segment names the file
 * @param sha256 expected SHA-256 of the download as 64 hex digits; {@code null} or blank skips verification
 * @param cacheDir where downloads are kept
 */
public record ModelSource(Path path, URI url, String sha256, Path cacheDir) {

	static final String PATH_PROPERTY = "sift.model.path";

	static final String URL_PROPERTY = "sift.model.url";

	static final String SHA256_PROPERTY = "sift.model.sha256";

	static final String CACHE_DIR_PROPERTY = "sift.model.cache-dir";

	private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

	public ModelSource {
		sha256 = normalizedSha256(sha256);
		if (path == null) {
			requireDownloadable(url, cacheDir);
		}
	}

	boolean verifiesChecksum() {
		return sha256 != null;
	}

	/** The cache file a download lands in, named after the URL's last path segment. */
	Path downloadTarget() {
		return cacheDir.resolve(fileNameOf(url));
	}

	private static String normalizedSha256(String sha256) {
		if (sha256 == null || sha256.isBlank()) {
			return null;
		}
		String normalized = sha256.strip().toLowerCase(Locale.ROOT);
		if (!SHA256_HEX.matcher(normalized).matches()) {
			throw new IllegalArgumentException(SHA256_PROPERTY + " must be a SHA-256 checksum of 64 hexadecimal "
					+ "characters, but was '" + sha256 + "' (" + sha256.length() + " characters). Leave it empty to "
					+ "skip verification.");
		}
		return normalized;
	}

	private static void requireDownloadable(URI url, Path cacheDir) {
		if (url == null) {
			throw new IllegalArgumentException("No model configured: set " + PATH_PROPERTY + " to a local GGUF file or "
					+ URL_PROPERTY + " to a download URL.");
		}
		if (!"https".equalsIgnoreCase(url.getScheme()) && !"http".equalsIgnoreCase(url.getScheme())) {
			throw new IllegalArgumentException(URL_PROPERTY + " must be an http or https URL, but was " + url);
		}
		fileNameOf(url);
		if (cacheDir == null) {
			throw new IllegalArgumentException(CACHE_DIR_PROPERTY + " must be set to download the model from " + url);
		}
	}

	private static String fileNameOf(URI url) {
		String path = url.getPath() == null ? "" : url.getPath();
		String name = path.substring(path.lastIndexOf('/') + 1);
		if (name.isBlank() || name.equals(".") || name.equals("..")) {
			throw new IllegalArgumentException(URL_PROPERTY + " must end in a file name (e.g. .../model.gguf), but was "
					+ url);
		}
		return name;
	}

}
