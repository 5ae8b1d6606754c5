package dev.sift.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sift.support.Sha256;

/** Finds the GGUF file to load: the configured local file, or the cached download, downloading it when needed. */
final class ModelLocator {

	private static final Logger log = LoggerFactory.getLogger(ModelLocator.class);

	private static final byte[] GGUF_MAGIC = "GGUF".getBytes(StandardCharsets.US_ASCII);

	private final ModelDownloader downloader;

	ModelLocator(ModelDownloader downloader) {
		this.downloader = downloader;
	}

	/** @throws ModelUnavailableException when no usable model file can be had */
	Path locate(ModelSource source) {
		if (source.path() != null) {
			return requireGgufFile(source.path());
		}
		Path target = source.downloadTarget();
		if (isUsableDownload(target, source)) {
			log.info("Using the model downloaded earlier to {}", target);
			return target;
		}
		downloader.download(source.url(), target, source.sha256());
		if (source.verifiesChecksum()) {
			writeVerifiedMarker(target, source.sha256());
		}
		return target;
	}

	/**
	 * The marker next to a verified download spares hashing a gigabyte on every start; a file newer than its marker
	 * was replaced since, so it is hashed again.
	 */
	static Path verifiedMarkerOf(Path file) {
		return file.resolveSibling(file.getFileName() + ".sha256");
	}

	private static Path requireGgufFile(Path path) {
		if (!Files.exists(path)) {
			throw ModelUnavailableException.unusableLocalFile(path, "does not exist");
		}
		if (!Files.isRegularFile(path)) {
			throw ModelUnavailableException.unusableLocalFile(path, "is not a regular file");
		}
		if (!Files.isReadable(path)) {
			throw ModelUnavailableException.unusableLocalFile(path, "is not readable");
		}
		if (!startsWithGgufMagic(path)) {
			throw ModelUnavailableException.unusableLocalFile(path, "is not a GGUF model (it does not start with the "
					+ "bytes 'GGUF')");
		}
		return path;
	}

	private static boolean startsWithGgufMagic(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return Arrays.equals(in.readNBytes(GGUF_MAGIC.length), GGUF_MAGIC);
		}
		catch (IOException ex) {
			throw ModelUnavailableException.unusableLocalFile(file, "cannot be read (" + ex + ")");
		}
	}

	private static boolean isUsableDownload(Path target, ModelSource source) {
		if (!Files.isRegularFile(target)) {
			return false;
		}
		if (!source.verifiesChecksum() || hasVerifiedMarker(target, source.sha256())) {
			return true;
		}
		log.info("Verifying the SHA-256 of {}", target);
		if (hashOf(target).equals(source.sha256())) {
			writeVerifiedMarker(target, source.sha256());
			return true;
		}
		log.warn("{} does not have the SHA-256 {} set in {}; downloading it again", target, source.sha256(),
				ModelSource.SHA256_PROPERTY);
		return false;
	}

	private static boolean hasVerifiedMarker(Path file, String sha256) {
		Path marker = verifiedMarkerOf(file);
		try {
			return Files.isRegularFile(marker)
					&& Files.getLastModifiedTime(marker).compareTo(Files.getLastModifiedTime(file)) >= 0
					&& Files.readString(marker, StandardCharsets.US_ASCII).strip().equals(sha256);
		}
		catch (IOException ex) {
			log.warn("Ignoring unreadable checksum marker {}: {}", marker, ex.toString());
			return false;
		}
	}

	private static void writeVerifiedMarker(Path file, String sha256) {
		try {
			Files.writeString(verifiedMarkerOf(file), sha256 + "\n", StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			// Only costs a re-hash at the next start.
			log.warn("Could not write checksum marker for {}: {}", file, ex.toString());
		}
	}

	private static String hashOf(Path file) {
		try {
			return Sha256.ofFile(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the downloaded model " + file, ex);
		}
	}

}
