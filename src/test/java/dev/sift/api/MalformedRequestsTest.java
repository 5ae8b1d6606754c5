package dev.sift.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.sift.testing.SiftIntegrationTest;
import dev.sift.testing.TestAccounts;

/**
 * Requests a client library would never send, sent as written over a socket to the real server, since MockMvc
 * neither parses a request line nor runs Tomcat or the firewall as they run. Every layer that can refuse one answers
 * with problem details: Tomcat (invalid characters and encodings), Spring Security's firewall (paths that are not
 * normalized), Spring MVC (values of the wrong type, unknown paths) and the API's body limit.
 */
@SiftIntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MalformedRequestsTest {

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private PasswordEncoder passwordEncoder;

	private String authorization;

	@BeforeEach
	void signIn() {
		this.authorization = TestAccounts.basic(TestAccounts.create(this.jdbc, this.passwordEncoder, "raw-", "ADMIN"));
	}

	@ParameterizedTest(name = "{0} ({2}, {3})")
	@CsvSource({ "/api/runs/abc, 400, Spring MVC, application/json", "/api/runs/abc, 400, Spring MVC, text/html",
			"/api/runs/%, 400, Tomcat, application/json", "/api/runs/%, 400, Tomcat, text/html",
			"/api/runs/1%2F2, 400, Tomcat, text/html", "/api/runs/%00, 400, Tomcat, application/json",
			"/api/runs/a|b, 400, Tomcat, text/html", "/review/%, 400, Tomcat, text/html",
			"/api/..;/runs, 400, firewall, application/json", "/api/..;/runs, 400, firewall, text/html",
			"//api/runs, 400, firewall, text/html", "/api//runs, 400, firewall, application/json",
			"/api/me;x=1, 400, firewall, text/html", "/api/users/%2e%2e/x, 400, firewall, text/html",
			"/review//x, 400, firewall, text/html", "/api/no-such-thing, 404, Spring MVC, text/html",
			"/api/no-such-thing, 404, Spring MVC, application/json" })
	void malformedPathsGetProblemDetailsFromEveryLayer(String path, int status, String layer, String accept)
			throws IOException {
		Response response = send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: " + accept
				+ "\r\nAuthorization: " + this.authorization + "\r\nConnection: close\r\n\r\n");

		assertThat(response.status()).as(layer).isEqualTo(status);
		assertThat(response.header("content-type")).as(layer).startsWith("application/problem+json");
		assertThat(JsonPath.<Integer>read(response.body(), "$.status")).isEqualTo(status);
		assertThat(JsonPath.<String>read(response.body(), "$.detail")).isNotBlank();
	}

	@Test
	void chunkedBodiesOver64KibAre413AndSmallerOnesAreReadStrictly() throws IOException {
		Response large = post("{\"input\": \"" + "x".repeat(70_000) + "\"}", true);
		assertThat(large.status()).isEqualTo(413);
		assertThat(large.header("content-type")).startsWith("application/problem+json");
		assertThat(JsonPath.<String>read(large.body(), "$.detail")).contains("64 KiB");

		Response small = post("{\"limt\": 5}", true);
		assertThat(small.status()).isEqualTo(400);
		assertThat(JsonPath.<String>read(small.body(), "$.parameter")).isEqualTo("limt");
	}

	@Test
	void aContentLengthOver64KibIs413BeforeTheBodyIsRead() throws IOException {
		Response response = send("POST /api/jobs/classify-feedback/runs HTTP/1.1\r\nHost: localhost\r\n"
				+ "Authorization: " + this.authorization + "\r\nContent-Type: application/json\r\n"
				+ "Content-Length: 1000000\r\nConnection: close\r\n\r\n{");

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.header("content-type")).startsWith("application/problem+json");
	}

	@Test
	void browsersGetAnErrorPageOutsideTheApi() throws IOException {
		Response response = send("GET /css/no-such.css HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n"
				+ "Connection: close\r\n\r\n");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.header("content-type")).startsWith("text/html");
		assertThat(response.body()).contains("404 Not Found");
	}

	private Response post(String body, boolean chunked) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		String head = "POST /api/jobs/classify-feedback/runs HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
				+ this.authorization + "\r\nContent-Type: application/json\r\nConnection: close\r\n"
				+ (chunked ? "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(bytes.length) + "\r\n"
						: "Content-Length: " + bytes.length + "\r\n\r\n");
		return send(head + body + (chunked ? "\r\n0\r\n\r\n" : ""));
	}

	private Response send(String request) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.UTF_8));
			out.flush();
			return Response.parse(readAll(socket.getInputStream()));
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try {
			in.transferTo(bytes);
		}
		catch (IOException ex) {
			// The server may close the connection after answering a request whose body it did not read.
		}
		return bytes.toByteArray();
	}

	private record Response(int status, Map<String, String> headers, String body) {

		String header(String name) {
			return this.headers.getOrDefault(name, "");
		}

		/** Headers as bytes are Latin-1, one character a byte, so offsets in the text are offsets in the bytes. */
		static Response parse(byte[] raw) {
			String text = new String(raw, StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n\r\n");
			String[] lines = text.substring(0, end).split("\r\n");
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).trim());
			}
			String body = text.substring(end + 4);
			if (headers.getOrDefault("transfer-encoding", "").equals("chunked")) {
				body = unchunk(body);
			}
			return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers,
					new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
		}

		private static String unchunk(String chunked) {
			StringBuilder body = new StringBuilder();
			int at = 0;
			while (true) {
				int lineEnd = chunked.indexOf("\r\n", at);
				int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
				if (size == 0) {
					return body.toString();
				}
				body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
				at = lineEnd + 2 + size + 2;
			}
		}

	}

}
