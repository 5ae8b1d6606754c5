package dev.sift.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.sift.testing.ScriptedModelConfiguration;
import dev.sift.testing.SiftProcess;
import dev.sift.testing.TestDatabase;

/**
 * {@code serve} with the {@code prod} profile, in a JVM of its own (the profile's logging would otherwise stay on in
 * the tests' shared JVM): its log lines are JSON in the Elastic Common Schema, and its session cookie is for HTTPS
 * only.
 */
class ProdProfileTest {

	private static final Pattern SERVING = Pattern.compile("^\\{.*Sift is serving on port (\\d+).*}$");

	@TempDir
	Path directory;

	@Test
	void logsAreJsonLinesAndTheSessionCookieIsForHttpsOnly() throws Exception {
		TestDatabase.Connection database = TestDatabase.connection();
		List<String> arguments = List.of("serve", "--spring.profiles.active=prod", "--server.port=0",
				"--spring.autoconfigure.exclude=dev.sift.model.LlamaCppAutoConfiguration",
				"--spring.main.sources=" + ScriptedModelConfiguration.class.getName(), "--sift.schedule.enabled=false",
				"--spring.datasource.url=" + database.url(), "--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password());
		try (SiftProcess sift = SiftProcess.start(arguments, this.directory.resolve("sift.log"))) {
			Matcher serving = sift.awaitLine(SERVING, Duration.ofMinutes(2));

			JsonNode line = JsonMapper.shared().readTree(serving.group());
			assertThat(line.path("message").asString()).isEqualTo("Sift is serving on port " + serving.group(1));
			assertThat(line.path("log").path("level").asString()).isEqualTo("INFO");
			assertThat(line.path("log").path("logger").asString()).isEqualTo("dev.sift.cli.ServeCommand");
			assertThat(line.path("ecs").path("version").asString()).isNotBlank();
			// The login page keeps its CSRF token in a new session.
			HttpResponse<Void> login = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + serving.group(1) + "/login")).build(),
						HttpResponse.BodyHandlers.discarding());
			assertThat(login.statusCode()).isEqualTo(200);
			assertThat(login.headers().allValues("Set-Cookie")).singleElement()
				.asString()
				.startsWith("JSESSIONID=")
				.contains("; Secure")
				.contains("; HttpOnly")
				.contains("SameSite=Lax");
			sift.terminate();
			sift.awaitExit(Duration.ofMinutes(1));
		}
	}

}
