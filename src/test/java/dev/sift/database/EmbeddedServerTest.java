package dev.sift.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.sift.database.TestServers.answer;
import static dev.sift.database.TestServers.properties;
import static dev.sift.database.TestServers.setting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Several Sifts of one JVM (application contexts, as in tests) on one data directory, on a real PostgreSQL: the lock
 * is held within the JVM then, which counts like a lock of another process. {@link EmbeddedServerProcessesTest} does
 * the same across processes.
 */
class EmbeddedServerTest {

	@TempDir
	Path directory;

	@Test
	void secondSiftOnTheDirectoryUsesTheFirstOnesServerAndTheLastOneOutStopsIt() throws Exception {
		Path data = this.directory.resolve("postgres");
		EmbeddedServer first = EmbeddedServer.open(properties(data));
		Postmaster postmaster = Postmaster.of(data).orElseThrow();

		EmbeddedServer second = EmbeddedServer.open(properties(data));

		assertThat(first.owner()).isTrue();
		assertThat(second.owner()).isFalse();
		assertThat(second.port()).isEqualTo(first.port()).isEqualTo(postmaster.port());
		assertThat(answer(second)).isEqualTo(42);
		assertThat(answer(first)).isEqualTo(42);

		second.close();
		assertThat(postmaster.process().isAlive()).as("the server after the client left").isTrue();
		assertThat(answer(first)).isEqualTo(42);

		first.close();
		assertThat(postmaster.process().isAlive()).as("the server after the last Sift left").isFalse();
		assertThat(Postmaster.of(data)).isEmpty();
	}

	@Test
	void ownerThatLeavesFirstLeavesTheServerToTheSiftStillUsingIt() throws Exception {
		Path data = this.directory.resolve("postgres");
		EmbeddedServer first = EmbeddedServer.open(properties(data));
		Postmaster postmaster = Postmaster.of(data).orElseThrow();
		EmbeddedServer second = EmbeddedServer.open(properties(data));

		first.close();

		assertThat(postmaster.process().isAlive()).as("the server after its owner left").isTrue();
		assertThat(answer(second)).isEqualTo(42);
		second.close();
		assertThat(postmaster.process().isAlive()).as("the server after the last Sift left").isFalse();
	}

	@Test
	void sessionOfAnotherClientKeepsTheServerRunningAndTheNextSiftTakesItOver() throws Exception {
		Path data = this.directory.resolve("postgres");
		EmbeddedServer first = EmbeddedServer.open(properties(data));
		Postmaster postmaster = Postmaster.of(data).orElseThrow();
		try (Connection psql = DriverManager.getConnection(
				"jdbc:postgresql://localhost:" + first.port() + "/postgres?ApplicationName=psql", "postgres", "")) {
			first.close();

			assertThat(postmaster.process().isAlive()).as("the server while psql is connected").isTrue();
			assertThat(psql.isValid(5)).isTrue();
		}

		EmbeddedServer next = EmbeddedServer.open(properties(data));
		assertThat(next.owner()).isTrue();
		assertThat(next.port()).isEqualTo(postmaster.port());
		assertThat(answer(next)).isEqualTo(42);
		next.close();
		assertThat(postmaster.process().isAlive()).as("the server after the last Sift left").isFalse();
	}

	@Test
	void serverStartsAgainOnItsDataAfterTheLastSiftStoppedIt() throws Exception {
		Path data = this.directory.resolve("postgres");
		EmbeddedServer first = EmbeddedServer.open(properties(data));
		try (Connection connection = DriverManager.getConnection(first.jdbcUrl(), "postgres", "")) {
			connection.createStatement().execute("CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)");
		}
		first.close();

		EmbeddedServer again = EmbeddedServer.open(properties(data));
		try (Connection connection = DriverManager.getConnection(again.jdbcUrl(), "postgres", "");
				var result = connection.createStatement().executeQuery("SELECT id FROM kept")) {
			assertThat(result.next()).isTrue();
			assertThat(result.getInt(1)).isEqualTo(42);
		}
		finally {
			again.close();
		}
	}

	@Test
	void serverWritesEveryCommitToDisk() throws Exception {
		EmbeddedServer server = EmbeddedServer.open(properties(this.directory.resolve("postgres")));
		try {
			assertThat(setting(server, "fsync")).isEqualTo("on");
			assertThat(setting(server, "synchronous_commit")).isEqualTo("on");
			assertThat(setting(server, "full_page_writes")).isEqualTo("on");
		}
		finally {
			server.close();
		}
	}

	@Test
	void serverThatNeedNotBeDurableSkipsTheDiskFlushes() throws Exception {
		EmbeddedServer server = EmbeddedServer.open(
				new EmbeddedDatabaseProperties(this.directory.resolve("postgres"), 0, Duration.ofSeconds(60), false));
		try {
			assertThat(setting(server, "fsync")).isEqualTo("off");
			assertThat(setting(server, "synchronous_commit")).isEqualTo("off");
		}
		finally {
			server.close();
		}
	}

	@Test
	void siftThatFindsTheDirectoryOwnedButNoServerGivesUpNamingTheOwner() throws Exception {
		Path data = this.directory.resolve("postgres");
		DataDirectoryLock held = DataDirectoryLock.of(data);
		assertThat(held.tryOwn()).isTrue();
		held.recordOwner(4242, OptionalInt.empty());
		try {
			assertThatExceptionOfType(EmbeddedDatabaseException.class)
				.isThrownBy(() -> EmbeddedServer
					.open(new EmbeddedDatabaseProperties(data, 0, Duration.ofSeconds(1), true)))
				.withMessageContaining("The embedded database in " + data + " is owned by Sift process 4242")
				.withMessageContaining("did not accept connections within 1 s")
				.satisfies(failure -> assertThat(failure.action()).contains("kill 4242")
					.contains("--sift.database.embedded.data-directory=")
					.contains("sift.database.embedded.owner-wait"));
		}
		finally {
			held.release();
		}
	}

}
