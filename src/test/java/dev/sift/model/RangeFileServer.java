package dev.sift.model;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves one file on 127.0.0.1 like a download server does: with Range support (unless told to ignore it), a redirect
 * to the file, an address that never answers and 404 for anything else. Records what was asked and sent, so tests
 * can check resuming.
 */
final class RangeFileServer implements AutoCloseable {

	private final HttpServer server;

	private final byte[] content;

	private final List<Optional<String>> rangeHeaders = new CopyOnWriteArrayList<>();

	private final AtomicLong bytesSent = new AtomicLong();

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final CountDownLatch closing = new CountDownLatch(1);

	private volatile boolean ignoreRange;

	private RangeFileServer(byte[] content) throws IOException {
		this.content = content;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/", this::handle);
		// A stalled request must not block the others.
		server.setExecutor(executor);
		server.start();
	}

	static RangeFileServer serving(byte[] content) throws IOException {
		return new RangeFileServer(content);
	}

	URI fileUri(String fileName) {
		return uri("/files/" + fileName);
	}

	URI redirectUri(String fileName) {
		return uri("/redirect/" + fileName);
	}

	/** An address whose requests get no answer until the server closes. */
	URI stallingUri(String fileName) {
		return uri("/stall/" + fileName);
	}

	URI missingUri(String fileName) {
		return uri("/missing/" + fileName);
	}

	void ignoreRange() {
		ignoreRange = true;
	}

	/** The Range header of each request received, empty where there was none. */
	List<Optional<String>> rangeHeaders() {
		return rangeHeaders;
	}

	int requestCount() {
		return rangeHeaders.size();
	}

	long bytesSent() {
		return bytesSent.get();
	}

	@Override
	public void close() {
		closing.countDown();
		server.stop(0);
		executor.shutdownNow();
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			rangeHeaders.add(Optional.ofNullable(exchange.getRequestHeaders().getFirst("Range")));
			String path = exchange.getRequestURI().getPath();
			if (path.startsWith("/files/")) {
				serveFile(exchange);
			}
			else if (path.startsWith("/redirect/")) {
				exchange.getResponseHeaders().add("Location", path.replace("/redirect/", "/files/"));
				exchange.sendResponseHeaders(302, -1);
			}
			else if (path.startsWith("/stall/")) {
				awaitClosing();
			}
			else {
				exchange.sendResponseHeaders(404, -1);
			}
		}
	}

	private void awaitClosing() {
		try {
			closing.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void serveFile(HttpExchange exchange) throws IOException {
		String range = exchange.getRequestHeaders().getFirst("Range");
		if (range == null || ignoreRange) {
			send(exchange, 200, 0);
			return;
		}
		int start = Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
		if (start >= content.length) {
			exchange.getResponseHeaders().add("Content-Range", "bytes */" + content.length);
			exchange.sendResponseHeaders(416, -1);
			return;
		}
		exchange.getResponseHeaders()
			.add("Content-Range", "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
		send(exchange, 206, start);
	}

	private void send(HttpExchange exchange, int status, int from) throws IOException {
		exchange.sendResponseHeaders(status, content.length - from);
		try (OutputStream body = exchange.getResponseBody()) {
			body.write(content, from, content.length - from);
		}
		bytesSent.addAndGet(content.length - from);
	}

}
