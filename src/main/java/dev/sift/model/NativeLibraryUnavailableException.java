package dev.sift.model;

import java.nio.file.Path;

/**
 * llama.cpp's native library cannot be loaded: the directory of {@code sift.model.native-library-dir} holds none, it
 * is not a library for this machine, or one of the libraries it needs (a CUDA runtime, say) is missing. The message
 * says which, and the action how to fix it.
 */
class NativeLibraryUnavailableException extends RuntimeException {

	static final String DIRECTORY_PROPERTY = "sift.model.native-library-dir";

	private final String action;

	private NativeLibraryUnavailableException(String message, String action, Throwable cause) {
		super(message, cause);
		this.action = action;
	}

	static NativeLibraryUnavailableException missing(Path directory, String libraryName) {
		return new NativeLibraryUnavailableException(DIRECTORY_PROPERTY + " is " + directory.toAbsolutePath()
				+ ", which holds no " + libraryName + ".",
				"Point " + DIRECTORY_PROPERTY + " at the directory your build of java-llama.cpp wrote " + libraryName
						+ " to, or remove it to use the CPU library in the jar.",
				null);
	}

	static NativeLibraryUnavailableException unloadable(Path library, UnsatisfiedLinkError error) {
		return new NativeLibraryUnavailableException("The native library " + library.toAbsolutePath() + " of "
				+ DIRECTORY_PROPERTY + " cannot be loaded: " + error.getMessage(),
				"Build " + library.getFileName() + " from java-llama.cpp's sources for this machine (a library the "
						+ "message names as missing, such as a CUDA runtime, must be installed and on the loader's "
						+ "path), or remove " + DIRECTORY_PROPERTY + " to use the CPU library in the jar.",
				error);
	}

	static NativeLibraryUnavailableException bundledUnloadable(UnsatisfiedLinkError error) {
		return new NativeLibraryUnavailableException(
				"The llama.cpp library in the jar cannot be loaded on this machine: " + error.getMessage(),
				"Build libjllama from java-llama.cpp's sources for this machine and point " + DIRECTORY_PROPERTY
						+ " at its directory.",
				error);
	}

	String action() {
		return this.action;
	}

}
