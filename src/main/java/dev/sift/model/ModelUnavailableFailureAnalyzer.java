package dev.sift.model;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a model that cannot be found or downloaded, and the properties that fix it, instead of a stack trace. */
class ModelUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<ModelUnavailableException> {

	private static final String TO_FIX = ". To fix: ";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ModelUnavailableException cause) {
		String message = cause.getMessage();
		int fix = message.indexOf(TO_FIX);
		return fix < 0 ? new FailureAnalysis(message, "Set sift.model.path or sift.model.url.", cause)
				: new FailureAnalysis(message.substring(0, fix + 1), capitalized(message.substring(fix + TO_FIX.length())),
						cause);
	}

	private static String capitalized(String text) {
		return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

}
