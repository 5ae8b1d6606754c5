package dev.sift.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLocatorTest {

	private final byte[] content = FakeModelFiles.ggufBytes(2);

	private final String sha256 = FakeModelFiles.sha256(content);

	private final ModelLocator locator = new ModelLocator(
			new ModelDownloader(Duration.ofSeconds(5), Duration.ofMinutes(1)));

	@TempDir
	Path dir;

	private RangeFileServer server;

	private Path cacheDir;

	@BeforeEach
	void startServer() throws IOException {
		server = RangeFileServer.serving(content);
		cacheDir = dir.resolve("cache");
	}

	@AfterEach
	void stopServer() {
		server.close();
	}

	@Test
	void usesALocalGgufFile() throws IOException {
		Path local = Files.write(dir.resolve("local.gguf"), content);

		assertThat(locator.locate(localSource(local))).isEqualTo(local);
		assertThat(server.requestCount()).isZero();
	}

	@Test
	void rejectsAMissingLocalFile() {
		Path missing = dir.resolve("missing.gguf");

		assertThatThrownBy(() -> locator.locate(localSource(missing)))
			.isInstanceOf(ModelUnavailableException.class)
			.hasMessageContaining(missing.toString())
			.hasMessageContaining("does not exist")
			.hasMessageContaining("sift.model.path");
	}

	@Test
	void rejectsADirectory() {
		assertThatThrownBy(() -> locator.locate(localSource(dir)))
			.isInstanceOf(ModelUnavailableException.class)
			.hasMessageContaining("not a regular file");
	}

	@Test
	void rejectsALocalFileThatIsNotGguf() throws IOException {
		Path html = Files.writeString(dir.resolve("model.gguf"), "<html>Sign in</html>");

		assertThatThrownBy(() -> locator.locate(localSource(html)))
			.isInstanceOf(ModelUnavailableException.class)
			.hasMessageContaining(html.toString())
			.hasMessageContaining("not a GGUF model")
			.hasMessageContaining("sift.model.path");
	}

	@Test
	void downloadsOnFirstUseAndReusesTheDownloadAfterwards() {
		ModelSource source = downloadSource(sha256.toUpperCase());

		Path first = locator.locate(source);
		Path second = locator.locate(source);

		assertThat(first).isEqualTo(cacheDir.resolve("model.gguf")).hasBinaryContent(content).isEqualTo(second);
		assertThat(ModelLocator.verifiedMarkerOf(first)).hasContent(sha256);
		assertThat(server.requestCount()).isOne();
	}

	@Test
	void reusesAVerifiedCachedFileWithoutAnyRequest() throws IOException {
		Path cached = cache(content);
		Files.writeString(ModelLocator.verifiedMarkerOf(cached), sha256, StandardCharsets.US_ASCII);

		assertThat(locator.locate(downloadSource(sha256))).isEqualTo(cached);
		assertThat(server.requestCount()).isZero();
	}

	@Test
	void hashesACachedFileWithoutMarkerOnceAndReusesIt() throws IOException {
		Path cached = cache(content);

		assertThat(locator.locate(downloadSource(sha256))).isEqualTo(cached);
		assertThat(ModelLocator.verifiedMarkerOf(cached)).hasContent(sha256);
		assertThat(server.requestCount()).isZero();
	}

	@Test
	void reusesACachedFileWhenNoChecksumIsConfigured() throws IOException {
		Path cached = cache(FakeModelFiles.ggufBytes(3));

		assertThat(locator.locate(downloadSource(" "))).isEqualTo(cached);
		assertThat(server.requestCount()).isZero();
	}

	@Test
	void downloadsAgainWhenTheCachedFileDoesNotMatchTheChecksum() throws IOException {
		Path cached = cache(FakeModelFiles.ggufBytes(3));

		assertThat(locator.locate(downloadSource(sha256))).isEqualTo(cached).hasBinaryContent(content);
		assertThat(server.requestCount()).isOne();
	}

	@Test
	void rejectsAMalformedChecksum() {
		assertThatThrownBy(() -> downloadSource("abc123"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("sift.model.sha256")
			.hasMessageContaining("64 hexadecimal")
			.hasMessageContaining("abc123");
	}

	@Test
	void rejectsAUrlWithoutFileName() {
		assertThatThrownBy(() -> new ModelSource(null, server.fileUri(""), null, cacheDir))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("sift.model.url")
			.hasMessageContaining("file name");
	}

	@Test
	void requiresAPathOrAUrl() {
		assertThatThrownBy(() -> new ModelSource(null, null, null, cacheDir))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("sift.model.path")
			.hasMessageContaining("sift.model.url");
	}

	private ModelSource localSource(Path path) {
		return new ModelSource(path, null, null, null);
	}

	private ModelSource downloadSource(String sha256) {
		return new ModelSource(null, server.fileUri("model.gguf"), sha256, cacheDir);
	}

	private Path cache(byte[] bytes) throws IOException {
		Files.createDirectories(cacheDir);
		return Files.write(cacheDir.resolve("model.gguf"), bytes);
	}

}
