package dev.sift.testing;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * For a Sift started in a JVM of its own ({@code --spring.main.sources=dev.sift.testing.GateFileModel}): puts the
 * scripted model, answering with {@link SampleReplies}, behind a gate that the test drives through the file named by
 * {@code sift.test.gate-file} (see {@link GateFile}).
 */
@TestConfiguration(proxyBeanMethods = false)
public class GateFileModel {

	public static final String GATE_FILE = "sift.test.gate-file";

	@Bean
	@Primary
	GatedChatModel gatedChatModel() {
		return new GatedChatModel(new ScriptedChatModel(SampleReplies::reply));
	}

	@Bean
	GateFile.Watch gateFileWatch(@Value("${" + GATE_FILE + "}") Path file, GatedChatModel gatedChatModel) {
		return GateFile.watch(file, gatedChatModel);
	}

}
