package dev.sift.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sift.support.Sha256;

/**
 * Downloads a file over HTTP into {@code <target>.part}, resuming a part left by an interrupted run, verifies its
 * SHA-256 and only then moves it to the target, so the target is never a half-written or unverified file.
 */
final class ModelDownloader {

	private static final Logger log = LoggerFactory.getLogger(ModelDownloader.class);

	private static final int BUFFER_SIZE = 1 << 16;

	private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (?:(\\d+)-\\d+|\\*)/(\\d+|\\*)");

	private final HttpClient httpClient;

	private final Duration timeout;

	private final Duration progressInterval;

	/**
	 * @param timeout for connecting and for the response headers to arrive
	 * @param progressInterval least time between two progress log lines
	 */
	ModelDownloader(Duration timeout, Duration progressInterval) {
		// Hugging Face answers "resolve" URLs with a redirect to its CDN.
		this.httpClient = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NORMAL)
			.connectTimeout(timeout)
			.build();
		this.timeout = timeout;
		this.progressInterval = progressInterval;
	}

	/**
	 * @param expectedSha256 lower-case hex checksum the file must have, or {@code null} to accept any content
	 * @throws ModelUnavailableException when the download fails or does not match the checksum
	 */
	void download(URI url, Path target, String expectedSha256) {
		Path part = partFileOf(target);
		try {
			Files.createDirectories(target.toAbsolutePath().getParent());
			String actualSha256 = fetchIntoPart(url, part);
			verify(url, part, expectedSha256, actualSha256);
			Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
			log.info("Downloaded {} to {} (SHA-256 {})", url, target, actualSha256);
		}
		catch (IOException ex) {
			throw ModelUnavailableException.downloadFailed(url, describe(url, ex), ex);
		}
	}

	private static Path partFileOf(Path target) {
		return target.resolveSibling(target.getFileName() + ".part");
	}

	/** Brings the part file to the complete content and returns its SHA-256. */
	private String fetchIntoPart(URI url, Path part) throws IOException {
		long resumeFrom = Files.exists(part) ? Files.size(part) : 0;
		HttpResponse<InputStream> response = send(url, resumeFrom);
		try (InputStream body = response.body()) {
			int status = response.statusCode();
			if (status == 206) {
				requireRangeStart(url, part, response, resumeFrom);
				return append(url, body, part, resumeFrom, totalFromContentRange(response));
			}
			if (status == 200) {
				if (resumeFrom > 0) {
					log.info("{} ignored the request to resume at byte {}; downloading from the start", url, resumeFrom);
				}
				return append(url, body, part, 0, response.headers()
					.firstValueAsLong("Content-Length")
					.orElse(DownloadProgress.UNKNOWN_TOTAL));
			}
			if (status == 416 && resumeFrom > 0) {
				return acceptCompletePart(url, part, totalFromContentRange(response));
			}
			throw ModelUnavailableException.downloadFailed(url, "the server answered HTTP " + status, null);
		}
	}

	private HttpResponse<InputStream> send(URI url, long resumeFrom) throws IOException {
		HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).GET();
		if (resumeFrom > 0) {
			request.header("Range", "bytes=" + resumeFrom + "-");
		}
		try {
			return httpClient.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while waiting for the server");
		}
	}

	/** Appends the body to the first {@code offset} bytes of the part file and returns the SHA-256 of the whole. */
	private String append(URI url, InputStream body, Path part, long offset, long total) throws IOException {
		MessageDigest digest = offset > 0 ? Sha256.digestOf(part) : Sha256.newDigest();
		OpenOption[] mode = offset > 0 ? new OpenOption[] { StandardOpenOption.APPEND }
				: new OpenOption[] { StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
						StandardOpenOption.WRITE };
		DownloadProgress progress = new DownloadProgress(part.getFileName().toString(), offset, total,
				progressInterval);
		try (OutputStream out = Files.newOutputStream(part, mode)) {
			byte[] buffer = new byte[BUFFER_SIZE];
			for (int read = body.read(buffer); read != -1; read = body.read(buffer)) {
				out.write(buffer, 0, read);
				digest.update(buffer, 0, read);
				progress.advance(read);
			}
		}
		progress.finish();
		if (progress.isIncomplete()) {
			throw ModelUnavailableException.downloadFailed(url, "the connection ended after " + progress.done() + " of "
					+ progress.total() + " bytes; run again to resume from " + part, null);
		}
		return Sha256.hex(digest);
	}

	/** The server refuses to send bytes past the end: the part may already be the whole file. */
	private String acceptCompletePart(URI url, Path part, long total) throws IOException {
		long size = Files.size(part);
		if (total != DownloadProgress.UNKNOWN_TOTAL && total != size) {
			log.info("{} has {} bytes but the file at {} has {}; downloading from the start", part, size, url, total);
			Files.delete(part);
			return fetchIntoPart(url, part);
		}
		log.info("{} is already complete", part);
		return Sha256.ofFile(part);
	}

	private void requireRangeStart(URI url, Path part, HttpResponse<InputStream> response, long resumeFrom)
			throws IOException {
		Matcher range = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
		if (!range.matches() || range.group(1) == null || Long.parseLong(range.group(1)) != resumeFrom) {
			// Appending bytes from any other offset would corrupt the part file, so the next run starts over.
			Files.delete(part);
			throw ModelUnavailableException.downloadFailed(url, "the server answered the request to resume at byte "
					+ resumeFrom + " with the range '" + response.headers().firstValue("Content-Range").orElse("")
					+ "'; the partial download was deleted, run again to download from the start", null);
		}
	}

	private static long totalFromContentRange(HttpResponse<InputStream> response) {
		Matcher range = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
		if (!range.matches() || range.group(2).equals("*")) {
			return DownloadProgress.UNKNOWN_TOTAL;
		}
		return Long.parseLong(range.group(2));
	}

	private static void verify(URI url, Path part, String expectedSha256, String actualSha256) throws IOException {
		if (expectedSha256 == null) {
			log.warn("Not verifying {}: no checksum configured. Set {}={} to detect a changed or corrupted file.", url,
					ModelSource.SHA256_PROPERTY, actualSha256);
			return;
		}
		if (!expectedSha256.equalsIgnoreCase(actualSha256)) {
			Files.deleteIfExists(part);
			throw ModelUnavailableException.checksumMismatch(url, expectedSha256, actualSha256);
		}
	}

	private String describe(URI url, IOException ex) {
		if (ex instanceof HttpConnectTimeoutException) {
			return "connecting to " + url.getHost() + " timed out after " + readable(timeout);
		}
		if (ex instanceof HttpTimeoutException) {
			return "no response from " + url.getHost() + " within " + readable(timeout);
		}
		if (hasCause(ex, UnresolvedAddressException.class) || hasCause(ex, UnknownHostException.class)) {
			return "unknown host " + url.getHost() + " (no network, or a typo in the URL?)";
		}
		if (ex instanceof ConnectException) {
			return "could not connect to " + url.getHost() + " (connection refused or host unreachable)";
		}
		return "I/O error: " + ex;
	}

	private static String readable(Duration duration) {
		return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
	}

	private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

}
