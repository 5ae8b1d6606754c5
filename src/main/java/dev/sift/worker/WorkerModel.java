package dev.sift.worker;

/**
 * What a worker runs, as the workers page shows it.
 *
 * @param name the model's name (results and prompt versions are told apart by it)
 * @param gpuLayers the layers offloaded to a GPU, as configured ({@code auto}, or a number)
 * @param slots requests the model serves at once
 * @param instances model instances loaded
 */
record WorkerModel(String name, String gpuLayers, int slots, int instances) {
}
