package dev.sift.database;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.sift.database.TestServers.answer;
import static dev.sift.database.TestServers.properties;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Sift processes on one data directory, on a real PostgreSQL: this test's JVM and {@link OtherSift}, a second JVM
 * that opens the directory's server the way Sift does. Killing that JVM with SIGKILL leaves its server running, as a
 * {@code kill -9} of Sift does, and frees its lock.
 */
class EmbeddedServerProcessesTest {

	@TempDir
	Path directory;

	@Test
	void secondProcessUsesTheRunningServerAndLeavesItRunningForTheOwner() throws Exception {
		Path data = this.directory.resolve("postgres");
		EmbeddedServer owner = EmbeddedServer.open(properties(data));
		Postmaster postmaster = Postmaster.of(data).orElseThrow();
		try (OtherSift other = OtherSift.start(data, this.directory.resolve("other.log"))) {
			assertThat(other.awaitReady(false)).isEqualTo(owner.port());
			assertThat(other.output()).contains("Using the embedded PostgreSQL of Sift process "
					+ ProcessHandle.current().pid() + " on port " + owner.port());
			other.send("query");
			assertThat(other.awaitLine("answer ")).isEqualTo("answer 42");

			assertThat(other.closeAndWait()).as("exit code, see %s", this.directory).isZero();
		}

		assertThat(postmaster.process().isAlive()).as("the server after the other Sift left").isTrue();
		assertThat(answer(owner)).isEqualTo(42);
		owner.close();
		assertThat(postmaster.process().isAlive()).as("the server after the last Sift left").isFalse();
	}

	@Test
	void ownerProcessThatEndsFirstLeavesTheServerRunningForTheOtherOne() throws Exception {
		Path data = this.directory.resolve("postgres");
		try (OtherSift owner = OtherSift.start(data, this.directory.resolve("owner.log"))) {
			int port = owner.awaitReady(true);
			Postmaster postmaster = Postmaster.of(data).orElseThrow();
			EmbeddedServer client = EmbeddedServer.open(properties(data));
			assertThat(client.owner()).isFalse();
			assertThat(client.port()).isEqualTo(port);

			assertThat(owner.closeAndWait()).as("exit code, see %s", this.directory).isZero();

			assertThat(owner.output()).contains("Leaving the embedded PostgreSQL on port " + port + " running");
			assertThat(postmaster.process().isAlive()).as("the server after its owner left").isTrue();
			assertThat(answer(client)).isEqualTo(42);
			client.close();
			assertThat(postmaster.process().isAlive()).as("the server after the last Sift left").isFalse();
		}
	}

	@Test
	void serverOfAKilledSiftIsTakenOverByTheNextOne() throws Exception {
		Path data = this.directory.resolve("postgres");
		int port;
		try (OtherSift killed = OtherSift.start(data, this.directory.resolve("killed.log"))) {
			port = killed.awaitReady(true);
			killed.kill();
		}
		Postmaster left = Postmaster.of(data).orElseThrow();
		assertThat(left.port()).isEqualTo(port);

		EmbeddedServer next = EmbeddedServer.open(properties(data));

		assertThat(next.owner()).isTrue();
		assertThat(next.port()).isEqualTo(port);
		assertThat(answer(next)).isEqualTo(42);
		next.close();
		assertThat(left.process().isAlive()).as("the server after the last Sift left").isFalse();
	}

	@Test
	void serverOfAKilledOwnerIsNotStoppedWhileAnotherSiftStillUsesIt() throws Exception {
		Path data = this.directory.resolve("postgres");
		EmbeddedServer client;
		try (OtherSift killed = OtherSift.start(data, this.directory.resolve("killed.log"))) {
			killed.awaitReady(true);
			client = EmbeddedServer.open(properties(data));
			killed.kill();
		}
		Postmaster postmaster = Postmaster.of(data).orElseThrow();

		EmbeddedServer next = EmbeddedServer.open(properties(data));
		assertThat(next.owner()).isTrue();
		assertThat(answer(client)).isEqualTo(42);
		next.close();

		assertThat(postmaster.process().isAlive()).as("the server while the client still uses it").isTrue();
		assertThat(answer(client)).isEqualTo(42);
		client.close();
		assertThat(postmaster.process().isAlive()).as("the server after the last Sift left").isFalse();
	}

	@Test
	void onSigtermTheServerStopsOnlyAfterTheBeansThatUseTheDatabase() throws Exception {
		Path data = this.directory.resolve("postgres");
		try (OtherSift application = OtherSift.start(ShutdownOrderMain.class, data,
				this.directory.resolve("application.log"))) {
			application.awaitLine("ready");
			Postmaster postmaster = Postmaster.of(data).orElseThrow();

			application.terminate();

			assertThat(application.awaitLine("answer at shutdown ")).isEqualTo("answer at shutdown 42");
			assertThat(postmaster.process().isAlive()).as("the server after the application ended").isFalse();
		}
	}

}
