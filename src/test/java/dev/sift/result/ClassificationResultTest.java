package dev.sift.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClassificationResultTest {

	@ParameterizedTest
	@EnumSource(value = ResultStatus.class, names = { "NEEDS_REVIEW", "FAILED", "REJECTED" })
	void unsuccessfulResultWithoutReasonIsRejected(ResultStatus status) {
		assertThatThrownBy(() -> result(status, null)).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("A result with status " + status + " needs a reason");
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", "  " })
	void failedResultWithBlankReasonIsRejected(String reason) {
		assertThatThrownBy(() -> result(ResultStatus.FAILED, reason)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void okResultNeedsNoReason() {
		assertThat(result(ResultStatus.OK, null).reason()).isNull();
	}

	@Test
	void fieldsAndLabelsAreImmutableCopies() {
		Map<String, String> fields = new HashMap<>(Map.of("channel", "app"));
		Map<String, Object> labels = new HashMap<>(Map.of("sentiment", "positive"));
		ClassificationResult result = new ClassificationResult("classify-feedback", 1L, "f.csv", "A1", 2, "text",
				fields, labels, "{}", ResultStatus.OK, null, 1, "tiny.gguf", "v1", ClassificationResult.Usage.NONE);

		fields.put("product", "box");
		labels.clear();

		assertThat(result.fields()).containsOnlyKeys("channel").isUnmodifiable();
		assertThat(result.labels()).containsOnlyKeys("sentiment").isUnmodifiable();
	}

	@Test
	void usageAddsUpEveryPart() {
		ClassificationResult.Usage usage = new ClassificationResult.Usage(100, 20, 500)
			.plus(new ClassificationResult.Usage(110, 25, 600));

		assertThat(usage).isEqualTo(new ClassificationResult.Usage(210, 45, 1100));
		assertThat(usage.plus(ClassificationResult.Usage.NONE)).isEqualTo(usage);
	}

	@Test
	void statusCodesAreWhatTheDatabaseAccepts() {
		assertThat(ResultStatus.values()).extracting(ResultStatus::code).containsExactly("ok", "draft", "needs_review", "failed",
				"reviewed", "approved", "rejected");
	}

	private static ClassificationResult result(ResultStatus status, String reason) {
		return new ClassificationResult("classify-feedback", 1L, "f.csv", "A1", 2, "text", Map.of(), Map.of(), null,
				status, reason, 1, "tiny.gguf", "v1", ClassificationResult.Usage.NONE);
	}

}
