package dev.sift.definition;

import java.util.List;

import dev.sift.cli.UsageException;
import dev.sift.support.Excerpt;

/** A job name no spec defines. */
public class UnknownJobException extends UsageException {

	private final String jobName;

	public UnknownJobException(String jobName, List<String> known, String closest) {
		super("Unknown job '" + Excerpt.of(jobName) + "'" + (closest == null ? "" : "; did you mean '" + closest + "'?")
				+ " Jobs: " + String.join(", ", known));
		this.jobName = jobName;
	}

	public String jobName() {
		return this.jobName;
	}

}
