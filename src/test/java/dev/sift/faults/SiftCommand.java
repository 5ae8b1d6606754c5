package dev.sift.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.sift.testing.GateFile;
import dev.sift.testing.GateFileModel;
import dev.sift.testing.ScriptedModelConfiguration;
import dev.sift.testing.SiftProcess;
import dev.sift.testing.TestDatabase;

/**
 * The command line of a Sift the fault tests start: a command, the scripted model instead of llama.cpp (the model
 * is not what these tests are about, and it answers at once), chunks of {@link #CHUNK} records, no schedules, and
 * the database and job specs the test chose.
 */
final class SiftCommand {

	static final int CHUNK = 4;

	static final Duration LOST_AFTER = Duration.ofSeconds(4);

	private static final String EXCLUDE_LLAMA = "--spring.autoconfigure.exclude=dev.sift.model.LlamaCppAutoConfiguration";

	private final List<String> arguments = new ArrayList<>();

	private SiftCommand(List<String> words) {
		this.arguments.addAll(words);
		this.arguments.add(EXCLUDE_LLAMA);
		set("sift.run.chunk-size", CHUNK);
		set("sift.schedule.enabled", false);
	}

	/** {@code run JOB input=FILE}. */
	static SiftCommand run(String job, Path input) {
		return new SiftCommand(List.of("run", job, "input=" + input));
	}

	/** {@code run JOB input=FILE partitions=N [OPTION...]}: a manager, for workers to process its partitions. */
	static SiftCommand runPartitioned(String job, Path input, int partitions, String... options) {
		List<String> words = new ArrayList<>(List.of("run", job, "input=" + input, "partitions=" + partitions));
		words.addAll(List.of(options));
		return new SiftCommand(words);
	}

	/** {@code worker}, one partition at a time. */
	static SiftCommand worker() {
		return new SiftCommand(List.of("worker"));
	}

	/**
	 * Polls often, sends a heartbeat every second and counts a worker lost after {@link #LOST_AFTER}, so a test of
	 * scale-out need not wait long; a manager and its workers need the same.
	 */
	SiftCommand quickWorkers() {
		return set("sift.worker.poll-interval", "200ms").set("sift.worker.heartbeat-interval", "1s")
			.set("sift.worker.lost-after", LOST_AFTER.toSeconds() + "s");
	}

	/** The generated tiny model on the real llama.cpp path, one CPU thread, one slot. */
	SiftCommand tinyModel(Path model) {
		this.arguments.remove(EXCLUDE_LLAMA);
		return set("sift.model.path", model).set("sift.model.threads", 1).set("sift.model.parallel", 1);
	}

	/** {@code serve} on any free port, which it logs ({@link ServiceApi#of}), with the fault tests' admin. */
	static SiftCommand serve() {
		SiftCommand serve = new SiftCommand(List.of("serve")).set("server.port", 0);
		ServiceApi.adminUser().forEach(serve.arguments::add);
		return serve;
	}

	/** The scripted model, answering at once. */
	SiftCommand scriptedModel() {
		return set("spring.main.sources", ScriptedModelConfiguration.class.getName());
	}

	/** The scripted model behind a gate the test holds. */
	SiftCommand gatedModel(GateFile gate) {
		return set("spring.main.sources", GateFileModel.class.getName()).set(GateFileModel.GATE_FILE, gate.file());
	}

	/** The shared test database, as an external database. */
	SiftCommand database(TestDatabase.Connection database) {
		return database(database.url(), database.username(), database.password());
	}

	SiftCommand database(String url, String username, String password) {
		return set("spring.datasource.url", url).set("spring.datasource.username", username)
			.set("spring.datasource.password", password);
	}

	/** The embedded PostgreSQL on this data directory (no datasource URL). */
	SiftCommand embeddedDatabase(Path dataDirectory) {
		return set("sift.database.embedded.data-directory", dataDirectory);
	}

	SiftCommand jobs(Path directory) {
		return set("sift.jobs.dir", directory);
	}

	SiftCommand set(String property, Object value) {
		this.arguments.add("--" + property + "=" + value);
		return this;
	}

	SiftProcess start(Path log) throws IOException {
		return SiftProcess.start(this.arguments, log);
	}

	@Override
	public String toString() {
		return String.join(" ", this.arguments);
	}

}
