package dev.sift.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InputPathsTest {

	@TempDir
	Path root;

	private Path inbox;

	private Path secret;

	private InputPaths paths;

	@BeforeEach
	void createDirectories() throws IOException {
		this.inbox = Files.createDirectories(this.root.resolve("inbox"));
		this.secret = Files.writeString(this.root.resolve("secret.csv"), "id,text\n1,secret\n");
		this.paths = new InputPaths(List.of(this.inbox));
	}

	@Test
	void acceptsAFileInAnInputDirectoryAsGiven() throws IOException {
		Path file = Files.writeString(this.inbox.resolve("feedback.csv"), "id,text\n");

		assertThat(this.paths.check(file.toString())).isEqualTo(file.toString());
	}

	@Test
	void refusesParentSegmentsEvenWhenTheyLeadBackInside() throws IOException {
		Files.writeString(this.inbox.resolve("feedback.csv"), "id,text\n");

		assertThatIllegalArgumentException().isThrownBy(() -> this.paths.check(this.inbox + "/../inbox/feedback.csv"))
			.withMessageContaining("'..'")
			.withMessageContaining(this.inbox.toString());
	}

	@Test
	void refusesAbsolutePathsOutsideAndNamesTheAllowedDirectories() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.paths.check(this.secret.toString()))
			.withMessageContaining("outside the input directories")
			.withMessageContaining(this.inbox.toString());
		assertThatIllegalArgumentException().isThrownBy(() -> this.paths.check("/etc/passwd"))
			.withMessageContaining("outside");
	}

	@Test
	void refusesALinkInsideThatLeadsOutside() throws IOException {
		Path link = Files.createSymbolicLink(this.inbox.resolve("innocent.csv"), this.secret);

		assertThatIllegalArgumentException().isThrownBy(() -> this.paths.check(link.toString()))
			.withMessageContaining("outside the input directories");
	}

	@Test
	void refusesADirectoryLinkInsideThatLeadsOutside() throws IOException {
		Path link = Files.createSymbolicLink(this.inbox.resolve("elsewhere"), this.root);

		assertThatIllegalArgumentException().isThrownBy(() -> this.paths.check(link.resolve("secret.csv").toString()))
			.withMessageContaining("outside the input directories");
	}

	@Test
	void refusesGlobsAndMissingFiles() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.paths.check(this.inbox + "/*.csv"))
			.withMessageContaining("glob");
		assertThatIllegalArgumentException().isThrownBy(() -> this.paths.check(this.inbox + "/missing.csv"))
			.withMessageContaining("does not exist");
	}

}
