package dev.sift.samples;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the {@code load-samples} command, bound from {@code sift.samples.*}.
 *
 * @param dir the directory of sample SQL scripts, relative to the working directory: each {@code NAME.sql} is the
 * sample {@code NAME}
 */
@ConfigurationProperties("sift.samples")
record SamplesProperties(@DefaultValue("sql/samples") Path dir) {
}
