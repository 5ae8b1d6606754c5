package dev.sift.model;

import java.net.URI;
import java.nio.file.Path;

/**
 * The model file cannot be used or obtained. The message names the file or URL and the properties that fix it, since
 * whoever reads it is usually looking at a failed startup, not at the code.
 */
public class ModelUnavailableException extends RuntimeException {

	private static final String OTHER_SOURCES = "set " + ModelSource.PATH_PROPERTY + " to a local GGUF file, or "
			+ ModelSource.URL_PROPERTY + " to another download URL (with " + ModelSource.SHA256_PROPERTY
			+ " set to its SHA-256 checksum, or empty to skip verification).";

	private ModelUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

	static ModelUnavailableException downloadFailed(URI url, String problem, Throwable cause) {
		return new ModelUnavailableException("Could not download the model from " + url + ": " + problem + ". To fix: "
				+ OTHER_SOURCES, cause);
	}

	static ModelUnavailableException checksumMismatch(URI url, String expected, String actual) {
		return new ModelUnavailableException("The model downloaded from " + url + " has SHA-256 " + actual
				+ " but " + ModelSource.SHA256_PROPERTY + " expects " + expected
				+ "; the download was deleted. To fix: if the file behind the URL was updated on purpose, set "
				+ ModelSource.SHA256_PROPERTY + " to its new checksum; otherwise " + OTHER_SOURCES, null);
	}

	/** A setting of {@link ModelSource} that cannot name a model, such as a malformed checksum or URL. */
	static ModelUnavailableException invalidSetting(IllegalArgumentException problem) {
		String message = problem.getMessage();
		return new ModelUnavailableException((message.endsWith(".") ? message : message + ".") + " To fix: correct "
				+ "it where it is set (command line, environment or application.yml), or remove it for the default.",
				problem);
	}

	static ModelUnavailableException unusableLocalFile(Path path, String problem) {
		return new ModelUnavailableException("The model file " + path + " set in " + ModelSource.PATH_PROPERTY + " "
				+ problem + ". To fix: point " + ModelSource.PATH_PROPERTY + " at a readable GGUF file, or remove it to "
				+ "download the model from " + ModelSource.URL_PROPERTY + ".", null);
	}

}
