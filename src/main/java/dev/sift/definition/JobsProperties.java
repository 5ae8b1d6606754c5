package dev.sift.definition;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings shared by all jobs.
 *
 * @param dir the directory of the job spec files, relative to the working directory
 */
@ConfigurationProperties("sift.jobs")
public record JobsProperties(@DefaultValue("jobs") Path dir) {

}
