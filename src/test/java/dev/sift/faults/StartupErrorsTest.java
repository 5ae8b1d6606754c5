package dev.sift.faults;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import de.kherud.llama.LlamaModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import dev.sift.testing.SiftProcess;
import dev.sift.testing.TestDatabase;
import dev.sift.testing.TestModels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a terminal shows when Sift cannot start, for every start-up failure Sift foresees: a real JVM started as a
 * user starts it, its whole console output. Each must exit with 1 and print the problem and how to fix it on one
 * screen, with no stack trace and no chain of bean-creation messages; the commands that end ({@code run},
 * {@code validate}, {@code evaluate}, {@code bench}) like the service.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StartupErrorsTest {

	/** Rows of a terminal screen the whole output must fit in. */
	private static final int SCREEN_ROWS = 40;

	/** Columns of that terminal: a longer line takes more than one row. */
	private static final int SCREEN_COLUMNS = 200;

	private static final Duration EXIT_BOUND = Duration.ofMinutes(2);

	private static final String SHA256_OF_NOTHING_SENT = "0".repeat(64);

	@TempDir(cleanup = CleanupMode.ON_SUCCESS)
	Path directory;

	@Test
	void noNetworkForTheModelDownloadSaysWhichPropertyToSet() throws Exception {
		Output output = start("no-network", "run", "classify-feedback",
				"--sift.model.url=http://sift-model.invalid/models/tinyllama.gguf",
				"--sift.model.cache-dir=" + this.directory.resolve("models"));

		output.isOneScreenReport(
				"Could not download the model from http://sift-model.invalid/models/tinyllama.gguf: unknown host "
						+ "sift-model.invalid (no network, or a typo in the URL?).",
				"Set sift.model.path to a local GGUF file, or sift.model.url to another download URL");
	}

	@Test
	void aDownloadWithTheWrongChecksumSaysWhichChecksumItHasAndWhatToDo() throws Exception {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		byte[] changed = "GGUF, but not the file the checksum was published for".getBytes(StandardCharsets.US_ASCII);
		server.createContext("/model.gguf", exchange -> {
			exchange.sendResponseHeaders(200, changed.length);
			exchange.getResponseBody().write(changed);
			exchange.close();
		});
		server.start();
		try {
			String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/model.gguf";
			Output output = start("checksum", "validate", "--sift.model.url=" + url,
					"--sift.model.sha256=" + SHA256_OF_NOTHING_SENT,
					"--sift.model.cache-dir=" + this.directory.resolve("models"));

			output.isOneScreenReport("The model downloaded from " + url + " has SHA-256 ",
					"If the file behind the URL was updated on purpose, set sift.model.sha256 to its new checksum");
			output.contains("but sift.model.sha256 expects " + SHA256_OF_NOTHING_SENT + "; the download was deleted.");
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void aModelFileThatIsNotThereSaysSo() throws Exception {
		Path missing = this.directory.resolve("missing.gguf");

		Output output = start("model-missing", "run", "classify-feedback", "--sift.model.path=" + missing);

		output.isOneScreenReport("The model file " + missing + " set in sift.model.path does not exist.",
				"Point sift.model.path at a readable GGUF file, or remove it to download the model from sift.model.url.");
	}

	@Test
	void aNativeLibraryDirectoryWithoutTheLibrarySaysWhatItShouldHold() throws Exception {
		Path empty = Files.createDirectories(this.directory.resolve("jllama-cuda"));

		Output output = start("native-missing", "evaluate", "classify-feedback", "--sift.model.path=" + TestModels.tiny(),
				"--sift.model.native-library-dir=" + empty);

		output.isOneScreenReport("sift.model.native-library-dir is " + empty + ", which holds no libjllama.so.",
				"Point sift.model.native-library-dir at the directory your build of java-llama.cpp wrote libjllama.so "
						+ "to, or remove it to use the CPU library in the jar.");
	}

	/** Without Sift loading it first, java-llama.cpp fell back to the CPU library in the jar and said nothing. */
	@Test
	void aBrokenNativeLibraryStopsStartUpInsteadOfFallingBackToTheCpuLibrary() throws Exception {
		Path build = Files.createDirectories(this.directory.resolve("jllama-broken"));
		Path library = Files.writeString(build.resolve("libjllama.so"), "not a shared object");

		Output output = start("native-broken", "bench", "--sift.model.path=" + TestModels.tiny(),
				"--sift.model.native-library-dir=" + build,
				"--sift.model.native-log-file=" + this.directory.resolve("llama.log"));

		output.isOneScreenReport("The native library " + library + " of sift.model.native-library-dir cannot be loaded: ",
				"Build libjllama.so from java-llama.cpp's sources for this machine");
	}

	/**
	 * The counterpart of the two above: a library that loads is the one used, and java-llama.cpp extracts none of
	 * its own (the library's JNI_OnLoad starts java-llama.cpp's loader while Sift loads it).
	 */
	@Test
	void aLibraryInTheNativeLibraryDirectoryThatLoadsIsTheOneUsed() throws Exception {
		URL bundled = LlamaModel.class.getResource("/de/kherud/llama/Linux/x86_64/libjllama.so");
		assumeTrue(bundled != null, "a Linux x86-64 library in java-llama.cpp's jar to copy");
		Path build = Files.createDirectories(this.directory.resolve("jllama-own"));
		try (InputStream library = bundled.openStream()) {
			Files.copy(library, build.resolve("libjllama.so"));
		}

		Output output = start("native-own", "validate", "classify-feedback", "--sift.model.path=" + TestModels.tiny(),
				"--sift.model.native-library-dir=" + build);

		assertThat(output.exitCode).as("exit code, see " + output.log).isZero();
		output.contains("OK  classify-feedback");
		assertThat(output.lines).as(output.log.toString()).noneMatch(line -> line.startsWith("Extracted 'libjllama"));
	}

	@Test
	void aPortInUseNamesThePort() throws Exception {
		try (ServerSocket taken = new ServerSocket(0)) {
			Output output = start("port", "serve", "--sift.model.path=" + TestModels.tiny(),
					"--server.port=" + taken.getLocalPort());

			output.isOneScreenReport("Web server failed to start. Port " + taken.getLocalPort() + " was already in use.",
					"Identify and stop the process that's listening on port " + taken.getLocalPort());
		}
	}

	@Test
	void aPropertyOutOfItsBoundsNamesTheValueWhereItWasSetAndTheBound() throws Exception {
		Output output = start("bad-property", "run", "classify-feedback", "--sift.model.path=" + TestModels.tiny(),
				"--sift.model.slot-context=16");

		output.isOneScreenReport("Binding to target dev.sift.model.LlamaCppProperties failed:",
				"Update your application's configuration");
		output.contains("Property: sift.model.slotContext", "Value: \"16\"",
				"Origin: \"sift.model.slot-context\" from property source \"commandLineArgs\"",
				"Reason: must be greater than or equal to 64");
	}

	@Test
	void anUnreachableDatabaseNamesThePropertyOfItsUrl() throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}

		List<String> arguments = new ArrayList<>(List.of("validate", "--sift.model.path=" + TestModels.tiny()));
		arguments.addAll(List.of("--spring.datasource.url=jdbc:postgresql://localhost:" + closed + "/sift",
				"--spring.datasource.username=sift", "--spring.datasource.password=sift"));
		Output output = startSift("database", arguments);

		output.isOneScreenReport("Sift cannot reach its database: Connection to localhost:" + closed + " refused.",
				"Check that the PostgreSQL server of spring.datasource.url runs and accepts connections");
	}

	/** Where Docker is reachable the compose profile would start docker-compose.yml's PostgreSQL: not in a test. */
	@Test
	void theComposeProfileWithoutDockerSaysHowToDoWithout() throws Exception {
		assumeFalse(TestDatabase.dockerAvailable(), "Docker is reachable");

		Output output = startSift("compose",
				List.of("run", "classify-feedback", "--sift.model.path=" + TestModels.tiny(), "--spring.profiles.active=compose"));

		output.isOneScreenReport("Sift is to use the PostgreSQL of docker-compose.yml (spring.docker.compose.enabled, on "
				+ "in the compose profile), but Docker cannot be used: ",
				"Install Docker with Compose and start it; or leave out --spring.profiles.active=compose for the embedded "
						+ "database, or set spring.datasource.url to a server of your own.");
	}

	@Test
	void anUnknownJobIsReportedWithTheCommandsUsage() throws Exception {
		Output output = start("unknown-job", "run", "classify-feedbak", "--sift.model.path=" + TestModels.tiny());

		output.isOneScreenReport("Unknown job 'classify-feedbak'; did you mean 'classify-feedback'?",
				"Correct the command line. Usage:\n  run JOB [input=FILE|GLOB]");
	}

	@Test
	void theStackTraceIsThereWhenTheFailureReportIsDebugged() throws Exception {
		Path missing = this.directory.resolve("missing.gguf");

		Output output = start("debug", "run", "classify-feedback", "--sift.model.path=" + missing,
				"--logging.level.org.springframework.boot.diagnostics=debug");

		assertThat(output.exitCode).isEqualTo(1);
		output.contains("Description:\n\nThe model file " + missing + " set in sift.model.path does not exist.");
		assertThat(output.lines).as(output.log.toString()).anyMatch(line -> line.startsWith("\tat "));
	}

	/** Sift on the test database (so no embedded server starts in every JVM), without schedules. */
	private Output start(String name, String... arguments) throws Exception {
		TestDatabase.Connection database = TestDatabase.connection();
		List<String> all = new ArrayList<>(List.of(arguments));
		all.addAll(List.of("--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password()));
		return startSift(name, all);
	}

	private Output startSift(String name, List<String> arguments) throws Exception {
		List<String> all = new ArrayList<>(arguments);
		all.add("--sift.schedule.enabled=false");
		Path log = this.directory.resolve(name + ".log");
		try (SiftProcess sift = SiftProcess.start(all, log)) {
			int exitCode = sift.awaitExit(EXIT_BOUND);
			return new Output(log, sift.lines(), exitCode);
		}
	}

	private record Output(Path log, List<String> lines, int exitCode) {

		String text() {
			return String.join("\n", this.lines);
		}

		void contains(String... texts) {
			assertThat(text()).as(this.log.toString()).contains(texts);
		}

		/**
		 * Boot's failure report with this description and action (each given by how it starts), exit code 1, on one
		 * screen, without a stack trace or the nested messages of the beans that could not be created.
		 */
		void isOneScreenReport(String description, String action) {
			assertThat(this.exitCode).as("exit code, see " + this.log).isEqualTo(1);
			contains("APPLICATION FAILED TO START", "Description:\n\n" + description, "Action:\n\n" + action);
			assertThat(this.lines).as(this.log.toString())
				.noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by"))
				.noneMatch(line -> line.contains("Error creating bean"));
			assertThat(rows()).as("rows of a %d-column terminal, see %s", SCREEN_COLUMNS, this.log)
				.isLessThanOrEqualTo(SCREEN_ROWS);
		}

		private int rows() {
			return this.lines.stream().mapToInt(line -> Math.max(1, (line.length() + SCREEN_COLUMNS - 1) / SCREEN_COLUMNS)).sum();
		}

	}

}
