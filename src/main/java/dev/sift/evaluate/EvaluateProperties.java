package dev.sift.evaluate;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the {@code evaluate} command, bound from {@code sift.evaluate.*}.
 *
 * @param input the labelled CSV file: the job's id and text columns plus expected labels
 * @param output where the JSON report is written
 */
@ConfigurationProperties("sift.evaluate")
public record EvaluateProperties(Path input, @DefaultValue("data/evaluate/report.json") Path output) {
}
