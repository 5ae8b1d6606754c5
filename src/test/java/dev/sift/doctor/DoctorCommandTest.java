package dev.sift.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.sift.SiftApplication;
import dev.sift.support.Sha256;
import dev.sift.testing.FeedbackFiles;
import dev.sift.testing.TestModels;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code doctor} as a user runs it: the whole application on the generated model and an embedded database. */
@ExtendWith(OutputCaptureExtension.class)
class DoctorCommandTest {

	@TempDir
	Path dir;

	@Test
	void aWorkingSetupPassesEveryCheckAndExitsWithZero(CapturedOutput output) throws Exception {
		Path results = this.dir.resolve("results").resolve("classify-feedback.csv");

		assertThat(doctor(results, "--sift.model.sha256=" + Sha256.ofFile(TestModels.tiny()))).isZero();

		String table = table(output);
		assertThat(table).containsPattern("model file\\s+PASS\\s+" + TestModels.tiny())
			.containsPattern("model checksum\\s+PASS\\s+SHA-256 [0-9a-f]{64} as expected")
			.containsPattern("native library\\s+PASS\\s+bundled in the java-llama.cpp jar, llama.cpp 4916 \\([0-9a-f]+\\), "
					+ "backends CPU \\(CPU only\\)")
			.containsPattern("GPU offload\\s+PASS\\s+0/3 layers on the GPU \\(sift.model.gpu-layers=auto\\)")
			.containsPattern("slots\\s+PASS\\s+1 instance\\(s\\) x 1 slots x 2048 context tokens per slot")
			.containsPattern("prompt of classify-feedback\\s+PASS\\s+instructions \\d+ tokens \\+ reply up to 256 "
					+ "tokens <= slot context 2048")
			.containsPattern("database\\s+PASS\\s+PostgreSQL 17\\.\\d+ at jdbc:postgresql://")
			.containsPattern("database durability\\s+PASS\\s+fsync=on, synchronous_commit=on, full_page_writes=on")
			.containsPattern("workers\\s+PASS\\s+none up; no job is split into partitions")
			.containsPattern("input directory\\s+PASS\\s+" + this.dir.resolve("inbox") + " readable")
			.containsPattern("output directory\\s+PASS\\s+" + results.getParent() + " writable \\(created when needed\\) for "
					+ "results of classify-feedback")
			.containsPattern("output directory\\s+PASS\\s+" + this.dir + " writable for the embedded database")
			.containsPattern("disk space\\s+PASS\\s+\\d+\\.\\d GiB free at ")
			.doesNotContain("WARN")
			.doesNotContain("FAIL")
			.doesNotContain("To fix:")
			.contains("All 13 checks pass.");
	}

	@Test
	void aChecksumThatDoesNotMatchAndAnUnwritableOutputFailWithExitCodeOneAndSayWhy(CapturedOutput output)
			throws Exception {
		Path blocker = Files.writeString(this.dir.resolve("not-a-directory"), "a file where a directory must go");
		Path results = blocker.resolve("classify-feedback.csv");

		assertThat(doctor(results, "--sift.model.sha256=" + "0".repeat(64))).isEqualTo(1);

		String table = table(output);
		assertThat(table).containsPattern("model checksum\\s+FAIL\\s+SHA-256 [0-9a-f]{64} does not match " + "0".repeat(64)
				+ "\\n\\s+To fix: the file is damaged or another one")
			.containsPattern("output directory\\s+FAIL\\s+" + blocker + " cannot be created: " + blocker
					+ " is a file, not a directory\\n\\s+To fix: ")
			.contains("2 failed, 0 warned");
	}

	@Test
	void gpuLayersAskedForWithoutAGpuWarnAndExitWithTwo(CapturedOutput output) throws Exception {
		Path results = this.dir.resolve("results").resolve("classify-feedback.csv");

		assertThat(doctor(results, "--sift.model.gpu-layers=99")).isEqualTo(DoctorCommand.WARNINGS);

		String table = table(output);
		assertThat(table).containsPattern("GPU offload\\s+WARN\\s+0/3 layers on the GPU \\(sift.model.gpu-layers=99\\); "
				+ "llama.cpp: no usable GPU found\\n\\s+To fix: point sift.model.native-library-dir at a GPU build")
			.contains("0 failed, 1 warned");
	}

	@Test
	void aJobSplitIntoPartitionsWithNoWorkerUpWarnsHowToStartOneAndExitsWithTwo(CapturedOutput output)
			throws Exception {
		Path results = this.dir.resolve("results").resolve("classify-feedback.csv");
		Path spec = FeedbackFiles.specWritingTo(this.dir.resolve("jobs"), results).resolve("classify-feedback.yml");
		Files.writeString(spec, "partitions: 4\n", StandardOpenOption.APPEND);

		assertThat(doctor(results, "--sift.model.sha256=" + Sha256.ofFile(TestModels.tiny())))
			.isEqualTo(DoctorCommand.WARNINGS);

		assertThat(table(output)).containsPattern("workers\\s+WARN\\s+none up; split: classify-feedback \\(4 partitions\\): "
				+ "their runs wait until a worker is up\\n\\s+To fix: start 'java -jar sift.jar worker' on a machine with "
				+ "the same database URL")
			.contains("0 failed, 1 warned");
	}

	/** The table, without the log lines around it. */
	private static String table(CapturedOutput output) {
		String out = output.getOut();
		int start = out.indexOf("CHECK ");
		int end = out.indexOf('.', out.indexOf("\n\n", start) + 2);
		return out.substring(start, end + 1);
	}

	private int doctor(Path results, String... moreArguments) throws IOException {
		Files.createDirectories(this.dir.resolve("inbox"));
		List<String> arguments = new ArrayList<>(List.of("doctor",
				"--sift.database.embedded.data-directory=" + this.dir.resolve("postgres"),
				"--sift.model.path=" + TestModels.tiny(), "--sift.service.input-dirs=" + this.dir.resolve("inbox"),
				"--sift.jobs.dir=" + specs(results)));
		arguments.addAll(List.of(moreArguments));
		ConfigurableApplicationContext context = SpringApplication.run(SiftApplication.class,
				arguments.toArray(String[]::new));
		return SpringApplication.exit(context);
	}

	/** The job specs: the shipped classify-feedback one writing to {@code results}, unless a test wrote its own. */
	private Path specs(Path results) throws IOException {
		Path specs = this.dir.resolve("jobs");
		return Files.exists(specs.resolve("classify-feedback.yml")) ? specs
				: FeedbackFiles.specWritingTo(specs, results);
	}

}
