package dev.sift.model;

import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;

import de.kherud.llama.LlamaModel;

/**
 * Model instances loaded from one file. Each has its own slots and its own native server loop; one loop saturates
 * before a GPU does, so several instances raise throughput there. A request goes to the instance with the fewest
 * requests in flight.
 */
final class ModelInstances {

	private final List<LlamaModel> models;

	private final AtomicIntegerArray inFlight;

	ModelInstances(List<LlamaModel> models) {
		if (models.isEmpty()) {
			throw new IllegalArgumentException("At least one model instance is needed");
		}
		this.models = List.copyOf(models);
		this.inFlight = new AtomicIntegerArray(models.size());
	}

	/** Any instance will do for tokenizing and templating: all share the file's vocabulary and template. */
	LlamaModel any() {
		return this.models.get(0);
	}

	int size() {
		return this.models.size();
	}

	/** Requests the instance at {@code index} serves or holds in its queue now. */
	int inFlight(int index) {
		return this.inFlight.get(index);
	}

	Lease lease() {
		int chosen = 0;
		for (int i = 1; i < this.models.size(); i++) {
			if (this.inFlight.get(i) < this.inFlight.get(chosen)) {
				chosen = i;
			}
		}
		this.inFlight.incrementAndGet(chosen);
		return new Lease(chosen);
	}

	/** One request's hold on an instance, returned when the request ends. */
	final class Lease implements AutoCloseable {

		private final int index;

		private Lease(int index) {
			this.index = index;
		}

		LlamaModel model() {
			return ModelInstances.this.models.get(this.index);
		}

		@Override
		public void close() {
			ModelInstances.this.inFlight.decrementAndGet(this.index);
		}

	}

}
