package dev.sift.model;

import java.nio.file.Path;

/**
 * The GGUF file the model was loaded from.
 *
 * @param path location on disk
 */
public record ModelFile(Path path) {

	/** The file name without {@code .gguf}, used as the model name in results and metrics. */
	public String name() {
		String fileName = this.path.getFileName().toString();
		return fileName.endsWith(".gguf") ? fileName.substring(0, fileName.length() - ".gguf".length()) : fileName;
	}

}
