package dev.sift.definition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.nodes.Node;

import dev.sift.definition.ClassifySpec.Example;

/** Reads the {@code task} section of a spec: what to classify or generate, and a classify task's examples. */
final class TaskReader {

	private static final List<String> TASK_TYPES = List.of("classify", "generate");

	private static final List<String> CLASSIFY_KEYS = List.of("type", "instructions", "fields", "examples");

	private static final List<String> GENERATE_KEYS = List.of("type", "instructions", "prompt", "tone",
			"banned-words", "fields");

	private static final List<String> EXAMPLE_KEYS = List.of("text", "output");

	private final SpecFile file;

	TaskReader(SpecFile file) {
		this.file = file;
	}

	TaskSpec read(YamlMap task) {
		String type = SpecValues.oneOf(this.file, task, "type", TASK_TYPES, "task type");
		if (type == null) {
			List<String> keys = new ArrayList<>(CLASSIFY_KEYS);
			GENERATE_KEYS.stream().filter(key -> !keys.contains(key)).forEach(keys::add);
			task.allowOnly(keys);
			return null;
		}
		int before = this.file.problemCount();
		boolean classify = type.equals("classify");
		task.allowOnly(classify ? CLASSIFY_KEYS : GENERATE_KEYS);
		String instructions = task.requiredString("instructions");
		List<FieldSpec> fields = new FieldReader(this.file).read(task);
		if (classify) {
			List<Example> examples = fields == null ? null : examples(task, fields);
			return this.file.problemCount() > before ? null : new ClassifySpec(instructions, fields, examples);
		}
		String prompt = task.requiredString("prompt");
		String tone = task.string("tone");
		List<String> bannedWords = task.strings("banned-words");
		return this.file.problemCount() > before ? null
				: new GenerateSpec(instructions, prompt, tone, bannedWords == null ? List.of() : bannedWords,
						fields);
	}

	private List<Example> examples(YamlMap task, List<FieldSpec> fields) {
		List<YamlMap> items = task.maps("examples");
		if (items == null) {
			return List.of();
		}
		List<String> names = fields.stream().map(FieldSpec::name).toList();
		List<Example> examples = new ArrayList<>();
		for (YamlMap item : items) {
			int before = this.file.problemCount();
			item.allowOnly(EXAMPLE_KEYS);
			String text = item.requiredString("text");
			YamlMap output = item.has("output") ? item.map("output") : missingIn(item, "output");
			if (output == null) {
				continue;
			}
			output.allowOnly(names);
			Map<String, Object> values = new LinkedHashMap<>();
			for (FieldSpec field : fields) {
				Node node = output.node(field.name());
				if (node == null) {
					this.file.problem(output.line(field.name()), "the example's output lacks field '"
							+ field.name() + "'", "a worked example shows a whole reply");
					continue;
				}
				Object value = new ExampleValue(this.file, field, output.path(field.name()),
						output.line(field.name())).read(node);
				if (value != null) {
					values.put(field.name(), value);
				}
			}
			if (this.file.problemCount() == before) {
				examples.add(new Example(text, values));
			}
		}
		return examples;
	}

	private <T> T missingIn(YamlMap map, String key) {
		map.missing(key);
		return null;
	}

}
