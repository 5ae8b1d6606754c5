package dev.sift.testing;

import java.nio.file.Path;

import dev.sift.definition.JobSpec;
import dev.sift.definition.JobSpecs;

/** The job specs shipped in {@code jobs/}, loaded once, so tests exercise the real ones. */
public final class TestSpecs {

	private static final JobSpecs SHIPPED = JobSpecs.load(Path.of("jobs"));

	private TestSpecs() {
	}

	public static JobSpecs shipped() {
		return SHIPPED;
	}

	public static JobSpec shipped(String name) {
		return SHIPPED.get(name);
	}

}
