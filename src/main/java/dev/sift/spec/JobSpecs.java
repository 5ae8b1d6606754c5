package dev.sift.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.sift.source.ClosestName;

/** Every job spec Sift knows, by name. */
public final class JobSpecs {

	private final Map<String, JobSpec> byName = new LinkedHashMap<>();

	public JobSpecs(List<JobSpec> specs) {
		specs.forEach(spec -> this.byName.put(spec.name(), spec));
	}

	public List<JobSpec> all() {
		return List.copyOf(this.byName.values());
	}

	public Optional<JobSpec> find(String name) {
		return Optional.ofNullable(this.byName.get(name));
	}

	/** The spec of a job, or an error that lists the jobs there are and suggests the closest name. */
	public JobSpec get(String name) {
		JobSpec spec = this.byName.get(name);
		if (spec == null) {
			throw new UnknownJobException(name, List.copyOf(this.byName.keySet()),
					ClosestName.to(name, List.copyOf(this.byName.keySet())).orElse(null));
		}
		return spec;
	}

}
