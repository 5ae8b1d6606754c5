package dev.sift.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.beans.factory.annotation.Autowired;

import dev.sift.testing.SiftIntegrationTest;

/**
 * The model's meters in the application: each call of the loaded model is timed (with histogram buckets for
 * Prometheus) and its tokens counted by Spring AI's observation, and its slots are gauged per instance.
 */
@SiftIntegrationTest
class ModelMetersTest {

	private static final String TOKENS = "gen_ai.client.token.usage";

	@Autowired
	LlamaCppChatModel model;

	@Autowired
	MeterRegistry meters;

	@Autowired
	PrometheusMeterRegistry prometheus;

	@Test
	void eachModelCallIsTimedAndItsPromptAndCompletionTokensCounted() {
		long callsBefore = calls();
		double inputBefore = tokens("input");
		double outputBefore = tokens("output");

		Usage usage = this.model.call(new Prompt("The price was fair.", LlamaCppChatOptions.builder().maxTokens(8).build()))
			.getMetadata()
			.getUsage();

		assertThat(calls()).isEqualTo(callsBefore + 1);
		assertThat(tokens("input") - inputBefore).isEqualTo(usage.getPromptTokens().doubleValue()).isPositive();
		assertThat(tokens("output") - outputBefore).isEqualTo(usage.getCompletionTokens().doubleValue())
			.isPositive();
		assertThat(this.prometheus.scrape()).contains("gen_ai_client_operation_seconds_bucket{")
			.contains("gen_ai_client_token_usage_total{");
	}

	@Test
	void everyInstanceHasItsSlotsAndBusySlotsGauged() {
		assertThat(this.meters.get("sift.model.slots").tags("model", this.model.getModelName(), "model.instance", "0")
			.gauge()
			.value()).as("sift.model.parallel of the integration tests").isEqualTo(2);
		assertThat(this.meters.get("sift.model.slots.busy").tags("model.instance", "0").gauge().value()).isZero();
		assertThat(this.prometheus.scrape())
			.contains("sift_model_slots_busy{model=\"" + this.model.getModelName() + "\",model_instance=\"0\"} 0");
	}

	private long calls() {
		return this.meters.find("gen_ai.client.operation")
			.tag("gen_ai.request.model", this.model.getModelName())
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
	}

	private double tokens(String type) {
		return this.meters.find(TOKENS)
			.tag("gen_ai.token.type", type)
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

}
