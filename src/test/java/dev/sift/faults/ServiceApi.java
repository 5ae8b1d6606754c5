package dev.sift.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import dev.sift.testing.SiftProcess;

/**
 * The REST API of a {@code serve} process, as a client sees it: HTTP Basic as the fault tests' admin, JSON bodies,
 * and a failure that names the process's log when an answer is not the one expected.
 */
final class ServiceApi {

	private static final String ADMIN = "fault-admin";

	private static final String PASSWORD = "fault suite password";

	private static final Pattern SERVING = Pattern.compile("Sift is serving on port (\\d+)");

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

	private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI base;

	private final SiftProcess serve;

	private ServiceApi(URI base, SiftProcess serve) {
		this.base = base;
		this.serve = serve;
	}

	/** The admin every {@code serve} of the fault tests is configured with (created at start-up when missing). */
	static List<String> adminUser() {
		// The lowest cost bcrypt takes: each request checks the password.
		String hash = new BCryptPasswordEncoder(4).encode(PASSWORD);
		return List.of("--sift.security.users[0].name=" + ADMIN, "--sift.security.users[0].password-hash=" + hash,
				"--sift.security.users[0].role=ADMIN");
	}

	/** The API of {@code serve}, once it says it is serving. */
	static ServiceApi of(SiftProcess serve, Duration patience) throws InterruptedException {
		int port = Integer.parseInt(serve.awaitLine(SERVING, patience).group(1));
		return new ServiceApi(URI.create("http://localhost:" + port), serve);
	}

	/** {@code POST /api/jobs/{job}/runs} on a file; the run, just begun. */
	JsonNode startRun(String job, Path input) throws IOException, InterruptedException {
		String body = JsonMapper.shared().writeValueAsString(Map.of("input", input.toString()));
		return send(HttpRequest.newBuilder(this.base.resolve("/api/jobs/" + job + "/runs"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)), 202);
	}

	/** {@code GET /api/runs/{id}}. */
	JsonNode run(long id) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(this.base.resolve("/api/runs/" + id)).GET(), 200);
	}

	/** {@code POST /api/runs/{id}/restart}; the new execution, just begun. */
	JsonNode restart(long id) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(this.base.resolve("/api/runs/" + id + "/restart"))
			.POST(HttpRequest.BodyPublishers.noBody()), 202);
	}

	/**
	 * Polls the run until it has ended.
	 * @return the run as it ended
	 * @throws AssertionError when it has not ended within {@code patience}
	 */
	JsonNode awaitEnd(long id, Duration patience) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + patience.toNanos();
		while (true) {
			JsonNode run = run(id);
			if (ENDED.contains(run.path("status").asString())) {
				return run;
			}
			if (System.nanoTime() - deadline > 0) {
				throw new AssertionError("Run " + id + " is still " + run.path("status").asString() + " after "
						+ patience.toSeconds() + " s, see " + this.serve.log());
			}
			Thread.sleep(POLL_INTERVAL.toMillis());
		}
	}

	private JsonNode send(HttpRequest.Builder request, int expectedStatus) throws IOException, InterruptedException {
		String credentials = Base64.getEncoder()
			.encodeToString((ADMIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
		HttpRequest built = request.header("Authorization", "Basic " + credentials)
			.header("Accept", "application/json")
			.timeout(REQUEST_TIMEOUT)
			.build();
		HttpResponse<String> response = this.http.send(built, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != expectedStatus) {
			throw new AssertionError(built.method() + " " + built.uri() + " answered " + response.statusCode()
					+ " instead of " + expectedStatus + ": " + response.body() + "; see " + this.serve.log());
		}
		return JsonMapper.shared().readTree(response.body());
	}

}
