package dev.sift.model;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a native llama.cpp library that is missing or cannot be loaded, and what to do, instead of a stack trace. */
class NativeLibraryUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<NativeLibraryUnavailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, NativeLibraryUnavailableException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
