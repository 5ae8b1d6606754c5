package dev.sift.definition;

import java.util.Optional;

/**
 * A check of a spec against the model it will run on, such as whether its prompt fits the model's context;
 * {@code validate} reports each problem with the spec's others. Provided where the model is known, so that job
 * definitions need not know it.
 */
public interface SpecFitCheck {

	/** What keeps the spec from running on the model, at the spec's line of the key concerned; empty when it fits. */
	Optional<SpecProblem> check(JobSpec spec);

}
