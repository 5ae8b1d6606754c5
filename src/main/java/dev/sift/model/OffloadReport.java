package dev.sift.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What llama.cpp said while loading the model with a given native library and GPU layers, read from its log.
 *
 * @param loaded whether the model loaded
 * @param failure why it did not load (empty when it did)
 * @param build llama.cpp's build number and commit, e.g. {@code 4916 (c6af2161)}; empty when not logged
 * @param backends the backends the library was built with, e.g. {@code [CUDA, CPU]}
 * @param gpuUsable false when llama.cpp said {@code no usable GPU found} (it says so only when layers are asked for)
 * @param offloadedLayers layers llama.cpp put on the GPU
 * @param layers the model's layers llama.cpp can offload (its blocks and the output layer)
 * @param devices the GPUs llama.cpp found, as it names them (e.g. {@code NVIDIA H200, compute capability 9.0})
 */
public record OffloadReport(boolean loaded, String failure, String build, List<String> backends, boolean gpuUsable,
		int offloadedLayers, int layers, List<String> devices) {

	private static final Pattern BUILD = Pattern.compile("(?m)^build: (\\d+ \\([0-9a-f]+\\))");

	private static final Pattern SYSTEM_INFO = Pattern.compile("(?m)^system_info: (.*)$");

	private static final Pattern BACKEND = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9_]*) : ");

	private static final Pattern OFFLOADED = Pattern.compile("offloaded (\\d+)/(\\d+) layers to GPU");

	private static final Pattern ASSIGNED = Pattern.compile("(?m)layer\\s+\\d+ assigned to device (\\S+?),");

	private static final Pattern DEVICE = Pattern.compile("(?m)^\\s*Device \\d+: (.+)$");

	static final String NO_USABLE_GPU = "no usable GPU found";

	/** Reads the log of one load; {@code failure} is empty when the model loaded. */
	static OffloadReport parse(String log, boolean loaded, String failure) {
		Matcher build = BUILD.matcher(log);
		Matcher offloaded = OFFLOADED.matcher(log);
		boolean reported = offloaded.find();
		return new OffloadReport(loaded, failure, build.find() ? build.group(1) : "", backends(log),
				!log.contains(NO_USABLE_GPU), reported ? Integer.parseInt(offloaded.group(1)) : 0,
				reported ? Integer.parseInt(offloaded.group(2)) : assignedLayers(log), devices(log));
	}

	/** Whether the library was built with a backend other than the CPU (CUDA, Metal, Vulkan...). */
	public boolean hasGpuBackend() {
		return this.backends.stream().anyMatch(backend -> !backend.equals("CPU"));
	}

	/** Whether any layer went to the GPU. */
	public boolean offloads() {
		return this.offloadedLayers > 0;
	}

	/** E.g. {@code 23/23 layers on the GPU (NVIDIA H200, ...)} or {@code 0/3 layers on the GPU}. */
	public String offloadSummary() {
		return this.offloadedLayers + "/" + this.layers + " layers on the GPU"
				+ (this.devices.isEmpty() ? "" : " (" + String.join("; ", this.devices) + ")");
	}

	private static List<String> backends(String log) {
		Matcher info = SYSTEM_INFO.matcher(log);
		List<String> backends = new ArrayList<>();
		if (info.find()) {
			for (String segment : info.group(1).split("\\|")) {
				Matcher backend = BACKEND.matcher(segment);
				if (backend.find()) {
					backends.add(backend.group(1));
				}
			}
		}
		return List.copyOf(backends);
	}

	private static int assignedLayers(String log) {
		Matcher assigned = ASSIGNED.matcher(log);
		int layers = 0;
		while (assigned.find()) {
			layers++;
		}
		return layers;
	}

	private static List<String> devices(String log) {
		Set<String> devices = new LinkedHashSet<>();
		Matcher device = DEVICE.matcher(log);
		while (device.find()) {
			devices.add(device.group(1).strip());
		}
		return List.copyOf(devices);
	}

}
