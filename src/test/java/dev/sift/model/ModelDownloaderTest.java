package dev.sift.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ModelDownloaderTest {

	private static final int PARTIAL = 100_000;

	private final byte[] content = FakeModelFiles.ggufBytes(1);

	private final String sha256 = FakeModelFiles.sha256(content);

	private final ModelDownloader downloader = new ModelDownloader(Duration.ofSeconds(5), Duration.ZERO);

	@TempDir
	Path dir;

	private RangeFileServer server;

	private Path target;

	@BeforeEach
	void startServer() throws IOException {
		server = RangeFileServer.serving(content);
		target = dir.resolve("model.gguf");
	}

	@AfterEach
	void stopServer() {
		server.close();
	}

	@Test
	void downloadsAndVerifiesTheChecksum() throws IOException {
		downloader.download(server.fileUri("model.gguf"), target, sha256);

		assertThat(target).hasBinaryContent(content);
		assertThat(part()).doesNotExist();
		assertThat(server.rangeHeaders()).containsExactly(Optional.empty());
	}

	@Test
	void followsRedirects() {
		downloader.download(server.redirectUri("model.gguf"), target, sha256);

		assertThat(target).hasBinaryContent(content);
	}

	@Test
	void resumesAPartialDownloadWithARangeRequest() throws IOException {
		Files.write(part(), Arrays.copyOf(content, PARTIAL));

		downloader.download(server.fileUri("model.gguf"), target, sha256);

		assertThat(target).hasBinaryContent(content);
		assertThat(server.rangeHeaders()).containsExactly(Optional.of("bytes=" + PARTIAL + "-"));
		assertThat(server.bytesSent()).isEqualTo(content.length - PARTIAL);
	}

	@Test
	void startsOverWhenTheServerIgnoresTheRange() throws IOException {
		server.ignoreRange();
		Files.write(part(), new byte[PARTIAL]);

		downloader.download(server.fileUri("model.gguf"), target, sha256);

		assertThat(target).hasBinaryContent(content);
		assertThat(server.rangeHeaders()).containsExactly(Optional.of("bytes=" + PARTIAL + "-"));
		assertThat(server.bytesSent()).isEqualTo(content.length);
	}

	@Test
	void acceptsACompletePartFileWhenTheRangeIsUnsatisfiable() throws IOException {
		Files.write(part(), content);

		downloader.download(server.fileUri("model.gguf"), target, sha256);

		assertThat(target).hasBinaryContent(content);
		assertThat(server.bytesSent()).isZero();
	}

	@Test
	void downloadsWithoutChecksumWhenNoneIsExpected() {
		downloader.download(server.fileUri("model.gguf"), target, null);

		assertThat(target).hasBinaryContent(content);
	}

	@Test
	void deletesTheDownloadWhenTheChecksumDiffers() {
		URI url = server.fileUri("model.gguf");
		String expected = FakeModelFiles.sha256(new byte[] { 1 });

		assertThatThrownBy(() -> downloader.download(url, target, expected))
			.isInstanceOf(ModelUnavailableException.class)
			.hasMessageContaining(expected)
			.hasMessageContaining(sha256)
			.hasMessageContaining(url.toString())
			.hasMessageContaining("sift.model.sha256")
			.hasMessageContaining("sift.model.path");
		assertThat(target).doesNotExist();
		assertThat(part()).doesNotExist();
	}

	@Test
	void reportsAMissingFileWithTheUrlAndTheProperties() {
		URI url = server.missingUri("model.gguf");

		assertThatThrownBy(() -> downloader.download(url, target, sha256))
			.isInstanceOf(ModelUnavailableException.class)
			.hasMessageContaining(url.toString())
			.hasMessageContaining("HTTP 404")
			.hasMessageContaining("sift.model.path")
			.hasMessageContaining("sift.model.url");
		assertThat(target).doesNotExist();
	}

	@Test
	void reportsARefusedConnection() throws IOException {
		URI url = URI.create("http://127.0.0.1:" + closedPort() + "/model.gguf");

		assertThatThrownBy(() -> downloader.download(url, target, sha256))
			.isInstanceOf(ModelUnavailableException.class)
			.hasMessageContaining(url.toString())
			.hasMessageContaining("could not connect")
			.hasMessageContaining("sift.model.path");
	}

	@Test
	void reportsAServerThatDoesNotAnswer() {
		ModelDownloader impatient = new ModelDownloader(Duration.ofMillis(300), Duration.ZERO);
		URI url = server.stallingUri("model.gguf");

		assertThatThrownBy(() -> impatient.download(url, target, sha256))
			.isInstanceOf(ModelUnavailableException.class)
			.hasMessageContaining(url.toString())
			.hasMessageContaining("no response from 127.0.0.1")
			.hasMessageContaining("sift.model.url");
	}

	@Test
	void logsProgressUpToCompletion() {
		Logger progressLog = (Logger) LoggerFactory.getLogger(DownloadProgress.class);
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		progressLog.addAppender(appender);
		try {
			downloader.download(server.fileUri("model.gguf"), target, sha256);
		}
		finally {
			progressLog.detachAppender(appender);
		}

		assertThat(appender.list).last()
			.extracting(ILoggingEvent::getFormattedMessage)
			.asString()
			.contains("model.gguf.part", "0.3 / 0.3 MiB", "(100.0%)", "MiB/s", "ETA 0:00:00");
	}

	private Path part() {
		return dir.resolve("model.gguf.part");
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
