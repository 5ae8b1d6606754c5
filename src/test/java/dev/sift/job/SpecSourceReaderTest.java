package dev.sift.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.MetaDataInstanceFactory;

import dev.sift.source.SourceRecord;
import dev.sift.testing.TestSpecs;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reader of a step: when its input cannot be read to its end, the step is FAILED by the time the reader says the
 * input has ended, so the status Spring Batch saves as the step ends (before any listener's {@code afterStep}) is
 * never COMPLETED for a partial read.
 */
class SpecSourceReaderTest {

	private static final String HEADER = "id,received_at,channel,product,text\n";

	@TempDir
	Path dir;

	@Test
	void theEndOfAFileBrokenByAnUnterminatedQuoteFailsTheStepBeforeItEndsSayingWhereAndWhy() throws IOException {
		Path input = Files.writeString(this.dir.resolve("broken.csv"), HEADER
				+ "T-1,2026-10-01,email,Classic Box,Charged twice for one box\n"
				+ "T-2,2026-10-01,chat,Veggie Box,\"The box said \"\"fresh\"\" but\n"
				+ "T-3,2026-10-03,chat,Veggie Box,never read\n", StandardCharsets.UTF_8);
		StepExecution step = step(input, null);

		List<String> read = readAll(step);

		assertThat(read).containsExactly("T-1", "line-3");
		assertThat(step.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(step.getExitStatus().getExitCode()).isEqualTo(ExitStatus.FAILED.getExitCode());
		assertThat(step.getExitStatus().getExitDescription())
			.startsWith(input + " cannot be read past line 3: unterminated quote");
	}

	@Test
	void theEndOfAFileReadToItsEndLeavesTheStepToEndAsItWould() throws IOException {
		Path input = Files.writeString(this.dir.resolve("whole.csv"), HEADER
				+ "T-1,2026-10-01,email,Classic Box,Charged twice for one box\n"
				+ "T-2,2026-10-01,chat,Veggie Box,Lovely vegetables\n", StandardCharsets.UTF_8);
		StepExecution step = step(input, null);

		assertThat(readAll(step)).containsExactly("T-1", "T-2");
		assertThat(step.getStatus()).isEqualTo(BatchStatus.STARTING);
		assertThat(step.getExitStatus()).isEqualTo(ExitStatus.EXECUTING);
	}

	@Test
	void aLimitReachedBeforeTheBreakLeavesTheStepToEndAsItWould() throws IOException {
		Path input = Files.writeString(this.dir.resolve("limited.csv"), HEADER
				+ "T-1,2026-10-01,email,Classic Box,Charged twice for one box\n"
				+ "T-2,2026-10-01,chat,Veggie Box,\"The box said \"\"fresh\"\" but\n", StandardCharsets.UTF_8);
		StepExecution step = step(input, 1L);

		assertThat(readAll(step)).containsExactly("T-1");
		assertThat(step.getStatus()).isEqualTo(BatchStatus.STARTING);
	}

	private static StepExecution step(Path input, Long limit) {
		JobParametersBuilder parameters = new JobParametersBuilder().addString(SpecJobs.INPUT, input.toString());
		if (limit != null) {
			parameters.addLong(SpecJobs.LIMIT, limit);
		}
		return MetaDataInstanceFactory.createStepExecution(parameters.toJobParameters());
	}

	private static List<String> readAll(StepExecution step) {
		SpecSourceReader reader = new SpecSourceReader(TestSpecs.shipped("classify-feedback"), null);
		reader.beforeStep(step);
		reader.open(new ExecutionContext());
		List<String> ids = new ArrayList<>();
		try {
			for (SourceRecord record = reader.read(); record != null; record = reader.read()) {
				ids.add(record.id());
			}
		}
		finally {
			reader.close();
		}
		return ids;
	}

}
