package dev.sift.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.sift.model.LlamaCppProperties;

/**
 * The outcome of one benchmark: the setting, the prompts, and one {@link Measurement} per phase.
 *
 * @param modelName the model file's name
 * @param model the model settings the pipeline and the bare baseline ran with
 * @param promptTokensPerRecord tokens of a record's full rendered prompt, BOS included
 * @param sharedPrefixTokens tokens every prompt starts with (instructions, label descriptions)
 * @param phases the measured phases, {@code pipeline} and {@code bare-constrained} first
 */
record BenchReport(String modelName, LlamaCppProperties model, double promptTokensPerRecord, int sharedPrefixTokens,
		List<Measurement> phases) {

	Measurement phase(String name) {
		return this.phases.stream().filter(phase -> phase.name().equals(name)).findFirst().orElse(null);
	}

	/** The headline: how close the whole pipeline comes to java-llama.cpp alone on the same prompts. */
	double pipelineToBare() {
		return phase("pipeline").recordsPerSecond() / phase("bare-constrained").recordsPerSecond();
	}

	double recordTokensPerRecord() {
		return this.promptTokensPerRecord - this.sharedPrefixTokens;
	}

	String toJson() {
		JsonMapper json = JsonMapper.shared();
		ObjectNode root = json.createObjectNode();
		ObjectNode machine = root.putObject("machine");
		machine.put("cores", Runtime.getRuntime().availableProcessors());
		machine.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
		machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
		machine.put("java", System.getProperty("java.version"));
		ObjectNode model = root.putObject("model");
		model.put("name", this.modelName);
		model.put("instances", this.model.effectiveInstances());
		model.put("slotsPerInstance", this.model.parallel());
		model.put("slotContext", this.model.slotContext());
		model.put("contextSize", this.model.contextSize());
		model.put("threads", this.model.effectiveThreads());
		model.put("batchSize", this.model.batchSize());
		model.put("gpuLayers", this.model.gpuLayers().toString());
		model.put("flashAttention", this.model.flashAttention());
		model.put("nativeLibraryDir", String.valueOf(this.model.nativeLibraryDir()));
		ObjectNode prompts = root.putObject("prompts");
		prompts.put("tokensPerRecord", round(this.promptTokensPerRecord));
		prompts.put("sharedPrefixTokens", this.sharedPrefixTokens);
		prompts.put("recordTokensPerRecord", round(recordTokensPerRecord()));
		var phaseArray = root.putArray("phases");
		for (Measurement phase : this.phases) {
			phaseArray.add(phaseJson(json, phase));
		}
		if (phase("pipeline") != null && phase("bare-constrained") != null) {
			root.put("pipelineToBareConstrained", round(pipelineToBare()));
		}
		if (phase("naive") != null) {
			root.put("pipelineToNaive", round(phase("pipeline").recordsPerSecond() / phase("naive").recordsPerSecond()));
		}
		return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
	}

	private static ObjectNode phaseJson(JsonMapper json, Measurement phase) {
		ObjectNode node = json.createObjectNode();
		node.put("name", phase.name());
		node.put("records", phase.records());
		node.put("requests", phase.log().requests());
		node.put("seconds", round(phase.elapsed().toMillis() / 1000.0));
		node.put("recordsPerSecond", round(phase.recordsPerSecond()));
		node.put("promptTokensPerRecord", round(phase.promptTokensPerRecord()));
		node.put("promptTokensEvaluatedPerRequest", round(phase.log().promptTokensEvaluatedPerRequest()));
		node.put("generatedTokensPerRequest", round(phase.log().generatedTokensPerRequest()));
		node.put("promptTokensPerSecond", round(phase.promptTokensPerSecond()));
		node.put("generatedTokensPerSecond", round(phase.generatedTokensPerSecond()));
		node.put("latencyP50Millis", phase.latencyP50Millis());
		node.put("latencyP95Millis", phase.latencyP95Millis());
		node.put("peakHeapMiB", phase.peakHeapBytes() / (1024 * 1024));
		return node;
	}

	String toTable() {
		List<String> lines = new ArrayList<>();
		lines.add(String.format(Locale.ROOT,
				"%nSift benchmark: model %s, %d instance(s) x %d slots x %d context tokens, %d threads",
				this.modelName, this.model.effectiveInstances(), this.model.parallel(), this.model.slotContext(),
				this.model.effectiveThreads()));
		lines.add(String.format(Locale.ROOT,
				"prompt tokens per record %.1f = shared prefix %d + record %.1f", this.promptTokensPerRecord,
				this.sharedPrefixTokens, recordTokensPerRecord()));
		lines.add(String.format(Locale.ROOT, "%-19s %8s %9s %9s %10s %10s %10s %8s %8s %9s", "phase", "records",
				"records/s", "requests", "prompt/req", "gen/req", "prompt t/s", "p50 ms", "p95 ms", "heap MiB"));
		for (Measurement phase : this.phases) {
			lines.add(String.format(Locale.ROOT, "%-19s %8d %9.2f %9d %10.1f %10.1f %10.1f %8d %8d %9d", phase.name(),
					phase.records(), phase.recordsPerSecond(), phase.log().requests(),
					phase.log().promptTokensEvaluatedPerRequest(), phase.log().generatedTokensPerRequest(),
					phase.promptTokensPerSecond(), phase.latencyP50Millis(), phase.latencyP95Millis(),
					phase.peakHeapBytes() / (1024 * 1024)));
		}
		if (phase("pipeline") != null && phase("bare-constrained") != null) {
			lines.add(String.format(Locale.ROOT, "pipeline / bare baseline (constrained): %.3f", pipelineToBare()));
		}
		if (phase("naive") != null) {
			lines.add(String.format(Locale.ROOT, "pipeline / naive: %.2fx",
					phase("pipeline").recordsPerSecond() / phase("naive").recordsPerSecond()));
		}
		return String.join(System.lineSeparator(), lines);
	}

	private static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

}
