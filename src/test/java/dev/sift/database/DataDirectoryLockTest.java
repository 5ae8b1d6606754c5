package dev.sift.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The lock file of a data directory, as two application contexts of one JVM use it. */
class DataDirectoryLockTest {

	@TempDir
	Path directory;

	@Test
	void lockFileLiesBesideTheDataDirectorySoThatInitdbFindsTheDirectoryEmpty() {
		Path data = this.directory.resolve("postgres");

		DataDirectoryLock.of(data);

		assertThat(this.directory.resolve("postgres.lock")).isRegularFile();
		assertThat(data).doesNotExist();
	}

	@Test
	void onlyOneHolderOwnsTheDirectoryUntilItReleasesIt() {
		DataDirectoryLock first = DataDirectoryLock.of(this.directory.resolve("postgres"));
		DataDirectoryLock second = DataDirectoryLock.of(this.directory.resolve("postgres"));

		assertThat(first.tryOwn()).isTrue();
		assertThat(second.tryOwn()).isFalse();

		first.release();
		assertThat(second.tryOwn()).isTrue();
		second.release();
	}

	@Test
	void ownerIsReadBackAsWrittenWithItsPortOnceItHasOne() throws Exception {
		DataDirectoryLock owner = DataDirectoryLock.of(this.directory.resolve("postgres"));
		DataDirectoryLock reader = DataDirectoryLock.of(this.directory.resolve("postgres"));
		assertThat(owner.tryOwn()).isTrue();

		owner.recordOwner(1234, OptionalInt.empty());
		assertThat(reader.owner()).contains(new DataDirectoryLock.Owner(1234, OptionalInt.empty()));

		owner.recordOwner(1234, OptionalInt.of(45678));
		assertThat(reader.owner()).contains(new DataDirectoryLock.Owner(1234, OptionalInt.of(45678)));
		assertThat(Files.readString(this.directory.resolve("postgres.lock"))).isEqualTo("pid=1234\nport=45678\n");
		owner.release();
	}

	@Test
	void gateIsHeldByOneAtATime() throws Exception {
		DataDirectoryLock first = DataDirectoryLock.of(this.directory.resolve("postgres"));
		DataDirectoryLock second = DataDirectoryLock.of(this.directory.resolve("postgres"));
		List<String> ran = new ArrayList<>();

		boolean firstRan = first.whileGated(Instant.now().plusSeconds(5), () -> {
			ran.add("first");
			second.whileGated(Instant.now(), () -> ran.add("second while the first holds the gate"));
		});
		boolean secondRan = second.whileGated(Instant.now().plusSeconds(5), () -> ran.add("second after the first"));

		assertThat(firstRan).isTrue();
		assertThat(secondRan).isTrue();
		assertThat(ran).containsExactly("first", "second after the first");
	}

}
