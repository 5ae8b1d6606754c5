package dev.sift.doctor;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.sift.job.SpecJobs;
import dev.sift.testing.TestSpecs;
import dev.sift.worker.WorkerViews;
import dev.sift.worker.WorkerViews.WorkerView;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/** The workers row of {@code doctor}, from the workers the database lists. */
class WorkerChecksTest {

	private static final String MODEL = "tinyllama-1.1b-chat-v1.0.Q4_K_M.gguf";

	private final WorkerViews views = mock(WorkerViews.class);

	private final SpecJobs jobs = mock(SpecJobs.class);

	private final WorkerChecks checks = new WorkerChecks(TestSpecs.shipped(), this.views, this.jobs);

	@Test
	void workersUpOnTheSameModelPassAndAreNamedButStoppedLostAndOverdueOnesAreNotCountedAsUp() {
		given(this.jobs.modelName()).willReturn(MODEL);
		given(this.views.workers()).willReturn(List.of(worker("gpu-1", MODEL, "up", false),
				worker("gpu-2", MODEL, "up", true), worker("gpu-3", MODEL, "stopped", false),
				worker("gpu-4", "other.gguf", "lost", false)));

		Finding finding = this.checks.check();

		assertThat(finding.status()).isEqualTo(Finding.Status.PASS);
		assertThat(finding.value()).isEqualTo("1 up: gpu-1:42; no job is split into partitions");
	}

	@Test
	void aWorkerUpOnAnotherModelWarnsThatItRefusesThePartitionsOfRunsStartedHere() {
		given(this.jobs.modelName()).willReturn(MODEL);
		given(this.views.workers()).willReturn(List.of(worker("gpu-1", MODEL, "up", false),
				worker("cpu-1", "other.gguf", "up", false)));

		Finding finding = this.checks.check();

		assertThat(finding.status()).isEqualTo(Finding.Status.WARN);
		assertThat(finding.value()).isEqualTo("2 up: gpu-1:42, cpu-1:42; no job is split into partitions; cpu-1:42 "
				+ "runs other.gguf, not " + MODEL + ", so it refuses partitions of runs started here");
		assertThat(finding.action()).contains("the same model file (sift.model.path) and job specs (sift.jobs.dir)");
	}

	private static WorkerView worker(String host, String model, String state, boolean overdue) {
		Instant now = Instant.parse("2026-12-02T03:00:00Z");
		return new WorkerView(UUID.randomUUID(), host, 42, model, "auto", 1, 1, now, now, overdue ? 60 : 1, overdue,
				state, null, null);
	}

}
