package dev.sift.database;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Only a live PostgreSQL process named in the pid file is ever considered; anything else is left alone. A stand-in
 * "postgres" (a copy of {@code sleep}) plays the server.
 */
class StalePostmasterTest {

	@TempDir
	Path dataDirectory;

	@TempDir
	Path binaries;

	@Test
	void serverWhoseSiftProcessDiedIsStopped() throws Exception {
		Path postgres = fakePostgres();
		// The shell starts the server in the background and exits: the server is orphaned, as after a kill -9.
		Process shell = new ProcessBuilder("sh", "-c", postgres + " 300 > /dev/null 2>&1 & echo $!").start();
		long pid = Long.parseLong(new String(shell.getInputStream().readAllBytes()).trim());
		shell.waitFor();
		Files.writeString(this.dataDirectory.resolve("postmaster.pid"), pid + "\n" + this.dataDirectory);

		new StalePostmaster(this.dataDirectory).stopIfOrphaned();

		assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
	}

	@Test
	void serverOfALiveSiftProcessIsNotTouched() throws Exception {
		Process server = new ProcessBuilder(fakePostgres().toString(), "300").start();
		try {
			Files.writeString(this.dataDirectory.resolve("postmaster.pid"), server.pid() + "\n");

			assertThatIllegalStateException().isThrownBy(() -> new StalePostmaster(this.dataDirectory).stopIfOrphaned())
				.withMessageContaining("in use by another Sift process")
				.withMessageContaining("sift.database.embedded.data-directory");
			assertThat(server.isAlive()).isTrue();
		}
		finally {
			server.destroyForcibly();
		}
	}

	private Path fakePostgres() throws Exception {
		Path postgres = this.binaries.resolve("postgres");
		Files.copy(Path.of("/bin/sleep"), postgres);
		postgres.toFile().setExecutable(true);
		return postgres;
	}

	@Test
	void dataDirectoryWithoutPidFileNeedsNothing() {
		assertThatCode(() -> new StalePostmaster(this.dataDirectory).stopIfOrphaned()).doesNotThrowAnyException();
	}

	@Test
	void pidFileOfAProcessThatIsGoneIsIgnored() throws Exception {
		Process finished = new ProcessBuilder("true").start();
		finished.waitFor();
		Files.writeString(this.dataDirectory.resolve("postmaster.pid"), finished.pid() + "\n" + this.dataDirectory);

		assertThatCode(() -> new StalePostmaster(this.dataDirectory).stopIfOrphaned()).doesNotThrowAnyException();
	}

	@Test
	void pidFileNamingAProcessThatIsNotPostgresLeavesThatProcessAlone() throws Exception {
		Files.writeString(this.dataDirectory.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n");

		assertThatCode(() -> new StalePostmaster(this.dataDirectory).stopIfOrphaned()).doesNotThrowAnyException();
	}

	@Test
	void unreadablePidFileIsIgnored() throws Exception {
		Files.writeString(this.dataDirectory.resolve("postmaster.pid"), "not a pid\n");

		assertThatCode(() -> new StalePostmaster(this.dataDirectory).stopIfOrphaned()).doesNotThrowAnyException();
	}

}
