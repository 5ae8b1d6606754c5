package dev.sift.testing;

import java.nio.file.Path;

/** The generated models tests run on, written once per build under {@code target/}. */
public final class TestModels {

	private static final Path DIRECTORY = Path.of("target", "test-models");

	private TestModels() {
	}

	public static Path tiny() {
		return TinyLlamaModel.tiny(DIRECTORY).toAbsolutePath();
	}

}
