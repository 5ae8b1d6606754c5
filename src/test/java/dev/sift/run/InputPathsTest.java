package dev.sift.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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

		refused(this.inbox + "/../inbox/feedback.csv")
			.withMessageContaining("'..'")
			.withMessageContaining(this.inbox.toString());
	}

	@Test
	void refusesAbsolutePathsOutsideAndNamesTheAllowedDirectories() {
		refused(this.secret.toString())
			.withMessageContaining("outside the input directories")
			.withMessageContaining(this.inbox.toString());
		refused("/etc/passwd")
			.withMessageContaining("outside");
	}

	@Test
	void refusesALinkInsideThatLeadsOutside() throws IOException {
		Path link = Files.createSymbolicLink(this.inbox.resolve("innocent.csv"), this.secret);

		refused(link.toString())
			.withMessageContaining("outside the input directories");
	}

	@Test
	void refusesADirectoryLinkInsideThatLeadsOutside() throws IOException {
		Path link = Files.createSymbolicLink(this.inbox.resolve("elsewhere"), this.root);

		refused(link.resolve("secret.csv").toString())
			.withMessageContaining("outside the input directories");
	}

	@Test
	void refusesGlobsAndMissingFiles() {
		refused(this.inbox + "/*.csv")
			.withMessageContaining("glob");
		refused(this.inbox + "/missing.csv")
			.withMessageContaining("does not exist");
	}

	@Test
	void refusalNamesTheInputParameterAndShortensAHugeInput() {
		String huge = this.inbox + "/" + "x".repeat(60_000) + ".csv";

		refused(huge).withMessageStartingWith("input: ")
			.withMessageContaining("characters)")
			.satisfies(refusal -> assertThat(refusal.getMessage()).hasSizeLessThan(400))
			.satisfies(refusal -> assertThat(refusal.parameter()).isEqualTo("input"));
	}

	private ThrowableAssertAlternative<InvalidRunRequestException> refused(String input) {
		return assertThatExceptionOfType(InvalidRunRequestException.class).isThrownBy(() -> this.paths.check(input));
	}

}
