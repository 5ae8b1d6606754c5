package dev.sift.definition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import dev.sift.support.ClosestName;

/**
 * One YAML mapping of a spec file, read key by key. A value of the wrong shape is reported to the {@link SpecFile} and
 * read as absent, so reading goes on and every problem of a file is found in one pass.
 */
final class YamlMap {

	private final SpecFile file;

	private final String path;

	private final int line;

	private final Map<String, Node> values = new LinkedHashMap<>();

	private final Map<String, Integer> keyLines = new LinkedHashMap<>();

	/**
	 * @param path the dotted path of this mapping, empty for the whole file
	 * @param line where problems about this mapping as a whole (such as a missing key) are reported
	 */
	YamlMap(SpecFile file, String path, int line, MappingNode node) {
		this.file = file;
		this.path = path;
		this.line = line;
		for (NodeTuple tuple : node.getValue()) {
			int keyLine = lineOf(tuple.getKeyNode());
			if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
				file.problem(keyLine, "a key must be a plain name, not " + describe(tuple.getKeyNode()));
				continue;
			}
			String key = keyNode.getValue();
			if (this.values.containsKey(key)) {
				file.problem(keyLine, "duplicate key '" + key + "'", "the first is on line " + this.keyLines.get(key));
				continue;
			}
			this.values.put(key, tuple.getValueNode());
			this.keyLines.put(key, keyLine);
			file.line(path(key), keyLine);
		}
	}

	static int lineOf(Node node) {
		return node.getStartMark().getLine() + 1;
	}

	String path() {
		return this.path;
	}

	String path(String key) {
		return this.path.isEmpty() ? key : this.path + "." + key;
	}

	int line() {
		return this.line;
	}

	int line(String key) {
		return this.keyLines.getOrDefault(key, this.line);
	}

	Set<String> keys() {
		return this.values.keySet();
	}

	/** Whether the key is there with a value; {@code key:} with nothing after it counts as absent. */
	boolean has(String key) {
		Node node = this.values.get(key);
		return node != null && !isNull(node);
	}

	Node node(String key) {
		return has(key) ? this.values.get(key) : null;
	}

	void allowOnly(Collection<String> allowed) {
		for (String key : keys()) {
			if (!allowed.contains(key)) {
				unknownKey(key, allowed);
			}
		}
	}

	void unknownKey(String key, Collection<String> allowed) {
		this.file.problem(line(key), "unknown key '" + key + "'" + (this.path.isEmpty() ? "" : " in '" + this.path + "'"),
				ClosestName.to(key, List.copyOf(allowed))
					.map(closest -> "did you mean '" + closest + "'?")
					.orElse("allowed keys: " + String.join(", ", allowed)));
	}

	void require(String... keys) {
		for (String key : keys) {
			if (!has(key)) {
				missing(key);
			}
		}
	}

	void missing(String key) {
		this.file.problem(line(key), this.values.containsKey(key) ? "'" + path(key) + "' has no value"
				: "missing key '" + key + "'" + (this.path.isEmpty() ? "" : " in '" + this.path + "'"));
	}

	/** Any scalar as text, or {@code null} when absent or not a scalar. */
	String string(String key) {
		Node node = node(key);
		if (node == null) {
			return null;
		}
		if (node instanceof ScalarNode scalar) {
			return scalar.getValue();
		}
		wrongType(key, "a text", node);
		return null;
	}

	/** A non-blank text, reported when missing or blank. */
	String requiredString(String key) {
		if (!has(key)) {
			missing(key);
			return null;
		}
		String value = string(key);
		if (value != null && value.isBlank()) {
			this.file.problem(line(key), "'" + path(key) + "' is blank");
			return null;
		}
		return value;
	}

	/** A non-blank text or {@code null} when absent; blank is reported. */
	String optionalString(String key) {
		return has(key) ? requiredString(key) : null;
	}

	Integer integer(String key) {
		Node node = node(key);
		if (node == null) {
			return null;
		}
		if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)) {
			try {
				return Integer.valueOf(scalar.getValue().replace("_", ""));
			}
			catch (NumberFormatException ex) {
				// Hexadecimal, octal or too large: not what a bound in a job spec looks like.
			}
		}
		wrongType(key, "a whole number", node);
		return null;
	}

	Double number(String key) {
		Node node = node(key);
		if (node == null) {
			return null;
		}
		Double value = number(node);
		if (value == null) {
			wrongType(key, "a number", node);
		}
		return value;
	}

	static Double number(Node node) {
		if (node instanceof ScalarNode scalar
				&& (scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.FLOAT))) {
			try {
				double value = Double.parseDouble(scalar.getValue().replace("_", ""));
				return Double.isFinite(value) ? value : null;
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

	Boolean bool(String key) {
		Node node = node(key);
		if (node == null) {
			return null;
		}
		Boolean value = bool(node);
		if (value == null) {
			wrongType(key, "true or false", node);
		}
		return value;
	}

	static Boolean bool(Node node) {
		if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
			return Set.of("true", "yes", "on").contains(scalar.getValue().toLowerCase(java.util.Locale.ROOT));
		}
		return null;
	}

	/** A list of non-blank texts, or {@code null} when absent or malformed. */
	List<String> strings(String key) {
		Node node = node(key);
		if (node == null) {
			return null;
		}
		if (!(node instanceof SequenceNode sequence)) {
			wrongType(key, "a list such as [a, b]", node);
			return null;
		}
		List<String> values = new ArrayList<>();
		boolean valid = true;
		for (Node item : sequence.getValue()) {
			if (item instanceof ScalarNode scalar && !isNull(item) && !scalar.getValue().isBlank()) {
				values.add(scalar.getValue());
			}
			else {
				this.file.problem(lineOf(item), "'" + path(key) + "' must hold non-blank texts, not "
						+ describe(item));
				valid = false;
			}
		}
		return valid ? values : null;
	}

	YamlMap map(String key) {
		Node node = node(key);
		if (node == null) {
			return null;
		}
		if (node instanceof MappingNode mapping) {
			return new YamlMap(this.file, path(key), line(key), mapping);
		}
		wrongType(key, "a map of keys and values", node);
		return null;
	}

	/** The items of a list of maps, each with its path ({@code fields[1]}) and line; {@code null} when absent. */
	List<YamlMap> maps(String key) {
		Node node = node(key);
		if (node == null) {
			return null;
		}
		if (!(node instanceof SequenceNode sequence)) {
			wrongType(key, "a list", node);
			return null;
		}
		List<YamlMap> items = new ArrayList<>();
		for (int i = 0; i < sequence.getValue().size(); i++) {
			Node item = sequence.getValue().get(i);
			String itemPath = path(key) + "[" + i + "]";
			this.file.line(itemPath, lineOf(item));
			if (item instanceof MappingNode mapping) {
				items.add(new YamlMap(this.file, itemPath, lineOf(item), mapping));
			}
			else {
				this.file.problem(lineOf(item), "each item of '" + path(key) + "' must be a map of keys and values, not "
						+ describe(item));
			}
		}
		return items;
	}

	void wrongType(String key, String expected, Node node) {
		this.file.problem(line(key), "'" + path(key) + "' must be " + expected + ", not " + describe(node));
	}

	static boolean isNull(Node node) {
		return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
	}

	static String describe(Node node) {
		if (node instanceof MappingNode) {
			return "a map";
		}
		if (node instanceof SequenceNode) {
			return "a list";
		}
		if (isNull(node)) {
			return "empty";
		}
		String value = ((ScalarNode) node).getValue();
		return "'" + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'";
	}

}
