package dev.sift.testing;

import java.util.List;
import java.util.Objects;

import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

/**
 * What Spring Boot tells the operator when start-up fails: the first failure analysis, as {@code SpringApplication}
 * prints it under "APPLICATION FAILED TO START". For a property that breaks its bounds it names the property, its
 * value, where the value came from (for a property of the record itself, not of a nested one) and the bound.
 */
public final class StartupFailures {

	private StartupFailures() {
	}

	/** The description and the action, as printed. */
	public static String describe(Throwable failure) {
		// Some analyzers want constructor arguments a bare loader does not have; the binding ones need none.
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, null, FailureHandler.handleMessage((message, cause) -> {
			}));
		return analyzers.stream()
			.map(analyzer -> analyzer.analyze(failure))
			.filter(Objects::nonNull)
			.findFirst()
			.map(analysis -> "Description:\n\n" + analysis.getDescription() + "\n\nAction:\n\n" + analysis.getAction())
			.orElseThrow(() -> new AssertionError("No failure analyzer describes " + failure));
	}

}
