package dev.sift.definition;

import java.util.List;

/** What the model does with each record: fill in the task's fields. */
public sealed interface TaskSpec permits ClassifySpec, GenerateSpec {

	/** What the model is told before the record, the same for every record. */
	String instructions();

	/** The fields of each reply, in reply order. */
	List<FieldSpec> fields();

}
