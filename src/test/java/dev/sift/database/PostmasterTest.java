package dev.sift.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only a live PostgreSQL process named in the pid file counts as the server of a data directory; anything else is
 * left alone. A stand-in "postgres" (a copy of {@code sleep}) plays the server.
 */
class PostmasterTest {

	@TempDir
	Path dataDirectory;

	@TempDir
	Path binaries;

	@Test
	void livePostgresProcessOfThePidFileIsTheServerWithThePortOfTheFile() throws Exception {
		Process server = new ProcessBuilder(fakePostgres().toString(), "300").start();
		try {
			writePidFile(server.pid());

			assertThat(Postmaster.of(this.dataDirectory)).hasValueSatisfying(postmaster -> {
				assertThat(postmaster.pid()).isEqualTo(server.pid());
				assertThat(postmaster.port()).isEqualTo(54321);
			});
		}
		finally {
			server.destroyForcibly();
		}
	}

	@Test
	void stoppedServerHasEnded() throws Exception {
		Process server = new ProcessBuilder(fakePostgres().toString(), "300").start();
		writePidFile(server.pid());

		assertThat(Postmaster.of(this.dataDirectory).orElseThrow().stop(Duration.ofSeconds(30))).isTrue();

		// Process#isAlive turns false only once the JDK's reaper thread has collected the exit, a moment after the
		// process ended and the postmaster's handle saw it end.
		assertThat(server.waitFor(2, TimeUnit.SECONDS)).as("the server process has ended").isTrue();
	}

	@Test
	void dataDirectoryWithoutPidFileHasNoServer() {
		assertThat(Postmaster.of(this.dataDirectory)).isEmpty();
	}

	@Test
	void pidFileOfAProcessThatIsGoneIsIgnored() throws Exception {
		Process finished = new ProcessBuilder("true").start();
		finished.waitFor();
		writePidFile(finished.pid());

		assertThat(Postmaster.of(this.dataDirectory)).isEmpty();
	}

	@Test
	void pidFileNamingAProcessThatIsNotPostgresIsIgnored() throws Exception {
		writePidFile(ProcessHandle.current().pid());

		assertThat(Postmaster.of(this.dataDirectory)).isEmpty();
	}

	@Test
	void unreadablePidFileIsIgnored() throws Exception {
		Files.writeString(this.dataDirectory.resolve("postmaster.pid"), "not a pid\n");

		assertThat(Postmaster.of(this.dataDirectory)).isEmpty();
	}

	/** The first lines of PostgreSQL's pid file: pid, data directory, start time, port. */
	private void writePidFile(long pid) throws Exception {
		Files.writeString(this.dataDirectory.resolve("postmaster.pid"),
				pid + "\n" + this.dataDirectory + "\n1764612000\n54321\n/tmp\nlocalhost\n");
	}

	private Path fakePostgres() throws Exception {
		Path postgres = this.binaries.resolve("postgres");
		Files.copy(Path.of("/bin/sleep"), postgres);
		postgres.toFile().setExecutable(true);
		return postgres;
	}

}
