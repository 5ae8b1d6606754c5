package dev.sift.model;

import java.util.Locale;

/**
 * How many of the model's layers llama.cpp should offload to the GPU: a number, or {@code auto} (all of them when the
 * native library can offload, none otherwise). Bound from {@code sift.model.gpu-layers} through {@link #valueOf}, so
 * anything else stops start-up naming the property.
 *
 * @param count the layers asked for; {@link #AUTO_COUNT} for {@code auto}
 */
public record GpuLayers(int count) {

	static final String PROPERTY = "sift.model.gpu-layers";

	static final int AUTO_COUNT = -1;

	/** What llama.cpp is given for "all layers": it offloads at most the model's layers and its output layer. */
	static final int ALL = 999;

	public static final GpuLayers AUTO = new GpuLayers(AUTO_COUNT);

	public GpuLayers {
		if (count < AUTO_COUNT) {
			throw new IllegalArgumentException("GPU layers must be 0 or more, or auto; was " + count);
		}
	}

	/** Reads {@code auto} (any case) or a whole number of 0 or more. */
	public static GpuLayers valueOf(String text) {
		String value = text.strip();
		if (value.toLowerCase(Locale.ROOT).equals("auto")) {
			return AUTO;
		}
		try {
			int count = Integer.parseInt(value);
			if (count >= 0) {
				return new GpuLayers(count);
			}
		}
		catch (NumberFormatException ex) {
			// Reported below, with what is allowed.
		}
		throw new IllegalArgumentException(PROPERTY + " must be auto or a whole number of 0 or more (99 offloads every "
				+ "layer of most models), but was '" + text + "'");
	}

	public boolean isAuto() {
		return this.count == AUTO_COUNT;
	}

	/** The layers to ask llama.cpp for: all of them for {@code auto}. */
	public int asked() {
		return isAuto() ? ALL : this.count;
	}

	@Override
	public String toString() {
		return isAuto() ? "auto" : Integer.toString(this.count);
	}

}
